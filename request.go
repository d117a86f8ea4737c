package agentapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/f703e656/agentapi/internal/jsonwire"
)

const (
	// maxBody bounds a success body; a larger one is malformed.
	maxBody = 64 << 20
	// maxErrorRead bounds what is read of an error body to find its message.
	maxErrorRead = 1 << 20
)

// retryClass is how a request may be retried.
type retryClass int

const (
	// retryRead: reads and idempotent writes (update, pause, delete), retried
	// after transport errors and HTTP 429, 500, 502, 503, 504.
	retryRead retryClass = iota
	// retryCreate: a write that must not run twice (create, copy), retried
	// only when it surely never reached the application: no connection
	// made or no byte of it written, HTTP 429, HTTP 503.
	retryCreate
)

// request is one call of the API, as every endpoint describes it.
type request struct {
	method string     // http.MethodGet, ...
	path   string     // below the base URL, escaped, such as /agent-api/new/user/42/task
	query  url.Values // nil: none
	body   any        // marshalled to JSON once and sent on every attempt; nil: no body
	class  retryClass
}

// response is a response with its body read whole.
type response struct {
	status   int
	header   http.Header
	body     []byte    // *buf, nil once released
	buf      *[]byte   // the pooled buffer holding body; nil: none
	pool     *bodyPool // where buf goes back
	tooLarge bool      // the body passed its bound; body holds its start
}

// release gives the body's buffer back to be reused, once nothing refers to
// it: what is kept of a body (decoded values, an *APIError) holds copies.
// A response not released leaves its buffer to the collector.
func (r *response) release() {
	r.pool.put(r.buf)
	r.buf, r.body = nil, nil
}

// fetchInfo is what one call saw besides its result, for the pager: it comes
// back with every page's result, success or failure.
type fetchInfo struct {
	throttled int // responses with HTTP 429, retried or not
}

// do is the one request path: it sends r, retried under r's class, and
// returns the response of a 2xx status with its body read. A response of
// another status is an *APIError; a transport failure an error wrapping its
// cause; a context that ends, an error wrapping ctx.Err(). info counts what
// the call saw whatever the outcome.
func (c *Client) do(ctx context.Context, r *request) (*response, fetchInfo, error) {
	switch {
	case c == nil:
		return nil, fetchInfo{}, invalidf("nil *Client")
	case ctx == nil:
		return nil, fetchInfo{}, invalidf("nil context.Context")
	case c.hc == nil:
		return nil, fetchInfo{}, invalidf("client not made by NewClient")
	}
	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return nil, fetchInfo{}, wrapf("%s %s: encoding the body: %w", r.method, r.path, err)
		}
	}
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	u := c.base + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	cl := &call{c: c, ctx: ctx, r: r, url: u, body: body, path: c.basePath + r.path}
	res, err := cl.run()
	if err != nil {
		return nil, cl.info, err
	}
	if res.status < 200 || res.status > 299 {
		res.release()
		return nil, cl.info, cl.lastAPI // the final response's, built from a copy
	}
	if res.tooLarge {
		err := c.malformed(res, fmt.Errorf("body larger than %d MiB", maxBody>>20))
		res.release()
		return nil, cl.info, err
	}
	return res, cl.info, nil // the caller releases it once decoded
}

// getPage calls r and decodes its page: the one path of list endpoints.
// decode reads the body whole and keeps nothing of it (the body's buffer is
// reused once getPage returns); timestamps without a zone read in loc.
func getPage[T any](ctx context.Context, c *Client, r *request,
	decode func(body []byte, loc *time.Location) (envelope, []T, error)) (*Page[T], fetchInfo, error) {
	res, info, err := c.do(ctx, r)
	if err != nil {
		return nil, info, err
	}
	defer res.release() // the page holds copies of what it keeps
	env, items, err := decode(res.body, c.loc)
	if err := c.envelopeError(res, env, err); err != nil {
		return nil, info, err
	}
	return &Page[T]{Items: items, Meta: env.Meta, Message: env.Message, Header: res.header,
		RateLimit: parseRateLimit(res.header)}, info, nil
}

// getObject calls r and decodes the one object its envelope's data holds.
// decode reads the body whole and keeps nothing of it, as getPage's; it
// returns the zero T for a data that is [], null or absent.
func getObject[T any](ctx context.Context, c *Client, r *request,
	decode func(body []byte, loc *time.Location) (envelope, T, error)) (T, fetchInfo, error) {
	var zero T
	res, info, err := c.do(ctx, r)
	if err != nil {
		return zero, info, err
	}
	defer res.release() // v holds copies of what it keeps
	env, v, err := decode(res.body, c.loc)
	if err := c.envelopeError(res, env, err); err != nil {
		return zero, info, err
	}
	return v, info, nil
}

// doNoData calls r for its outcome alone: the envelope is checked, its data
// ignored.
func (c *Client) doNoData(ctx context.Context, r *request) (fetchInfo, error) {
	res, info, err := c.do(ctx, r)
	if err != nil {
		return info, err
	}
	defer res.release()
	env, err := decodeEnvelope(res.body)
	return info, c.envelopeError(res, env, err)
}

// envelopeError returns nil when a 2xx response's envelope, decoded with
// error err, says success: code 200, or no code but data. Laravel reports
// some errors as HTTP 200 with their own code: an *APIError.
func (c *Client) envelopeError(res *response, env envelope, err error) error {
	switch {
	case err != nil:
		return c.malformed(res, err)
	case env.HasCode && env.Code == http.StatusOK, !env.HasCode && env.HasData:
		return nil
	case env.HasCode:
		e := c.apiError(res)
		e.Code, e.Message = env.Code, c.secrets.string(env.Message)
		if env.Code == http.StatusUnprocessableEntity {
			e.Errors = c.fieldErrors(res.body) // Laravel's 422 inside an HTTP 200
		}
		if e.Message == "" {
			e.Message = http.StatusText(env.Code)
		}
		return e
	}
	return c.malformed(res, errors.New(`the body has neither "code" nor "data"`))
}

// statusError returns the *APIError of a non-2xx response, with the
// envelope's code and message when the body holds one, and Laravel's field
// errors on a 422.
func (c *Client) statusError(res *response) *APIError {
	e := c.apiError(res)
	if env, err := decodeEnvelope(res.body); err == nil {
		if env.HasCode {
			e.Code = env.Code
		}
		e.Message = c.secrets.string(env.Message)
	}
	if res.status == http.StatusUnprocessableEntity {
		e.Errors = c.fieldErrors(res.body)
	}
	if e.Message == "" {
		e.Message = http.StatusText(res.status)
	}
	return e
}

// fieldErrors reads Laravel's validation errors, {"errors": {"field":
// ["message", ...]}}; a field with one string instead of a list is taken
// too. It returns nil when the body holds none.
func (c *Client) fieldErrors(body []byte) map[string][]string {
	var v struct {
		Errors map[string]json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(body, &v) != nil || len(v.Errors) == 0 {
		return nil
	}
	out := make(map[string][]string, len(v.Errors))
	for field, raw := range v.Errors {
		var list []string
		if json.Unmarshal(raw, &list) != nil {
			var one string
			if json.Unmarshal(raw, &one) != nil {
				continue
			}
			list = []string{one}
		}
		for i := range list {
			list[i] = c.secrets.string(list[i])
		}
		out[c.secrets.string(field)] = list
	}
	return out
}

// apiError returns an *APIError with what every response tells: status,
// Retry-After, rate limit, request id and the start of the body, redacted
// before it is cut, so that a secret across the cut cannot leave its start.
func (c *Client) apiError(res *response) *APIError {
	e := &APIError{
		HTTPStatus: res.status,
		RequestID:  c.secrets.string(res.header.Get("X-Request-Id")),
		Body:       bytes.Clone(start(c.secrets.bytes(res.body), maxErrorBody)),
		RateLimit:  parseRateLimit(res.header),
	}
	if ra, ok := c.retryAfter(res.header); ok {
		e.RetryAfter = ra
	}
	return e
}

// malformed returns the *APIError of a 2xx response whose body is not the
// envelope, cause saying why.
func (c *Client) malformed(res *response, cause error) *APIError {
	// The reader quotes the value it refused: a secret the body echoed
	// must not reach the message, nor the *jsonwire.Error that errors.As
	// hands out.
	var jerr *jsonwire.Error
	if errors.As(cause, &jerr) {
		jerr.Path, jerr.Msg = c.secrets.string(jerr.Path), c.secrets.string(jerr.Msg)
	}
	e := malformed(c.apiError(res), cause)
	e.Message = c.secrets.string(e.Message)
	return e
}

// malformed sets e up as a body that is not the envelope, cause saying why:
// a *jsonwire.Error from the reader, or a reason of the request path's own.
// The message is built from the cause's own text, never from the wrapped
// chain, so it says "malformed response" once.
func malformed(e *APIError, cause error) *APIError {
	var jerr *jsonwire.Error
	why := cause.Error()
	if errors.As(cause, &jerr) {
		why = jerr.Error()
	}
	e.Message = "malformed response: " + why
	if !errors.Is(cause, ErrMalformedResponse) {
		cause = fmt.Errorf("%w: %w", ErrMalformedResponse, cause)
	}
	e.err = cause
	return e
}

// start returns at most the first n bytes of b.
func start(b []byte, n int) []byte { return b[:min(len(b), n)] }
