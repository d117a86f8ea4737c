package agentapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

const (
	// maxBody bounds a success body; a larger one is malformed.
	maxBody = 64 << 20
	// maxErrorRead bounds what is read of an error body to find its message.
	maxErrorRead = 1 << 20
)

// getPage is the one request path of list endpoints: GET base+path?query,
// retried, the envelope checked, data decoded by decode.
//
// It returns the page when the envelope's code is 200 (or absent with data
// present); an *APIError for any other response; an error wrapping the
// cause for a transport failure, or ctx.Err() when the context ends.
func getPage[T any](ctx context.Context, c *Client, path string, query url.Values,
	decode func(body []byte, loc *time.Location) (envelope, []T, error)) (*Page[T], error) {
	if c == nil {
		return nil, invalidf("nil *Client")
	}
	if ctx == nil {
		return nil, invalidf("nil context.Context")
	}
	if c.hc == nil {
		return nil, invalidf("client not made by NewClient")
	}
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	cl := &call{c: c, ctx: ctx, path: c.basePath + path}
	resp, err := cl.send(u)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, c.statusError(resp)
	}
	env, items, err := decode(resp.body, c.loc)
	switch {
	case err == nil && (env.HasCode && env.Code == http.StatusOK || !env.HasCode && env.HasData):
		return &Page[T]{Items: items, Meta: env.Meta, Message: env.Message, Header: resp.Header}, nil
	case err == nil && env.HasCode:
		// Laravel reports some errors as HTTP 200 with their own code.
		e := c.apiError(resp)
		e.Code, e.Message = env.Code, env.Message
		if e.Message == "" {
			e.Message = http.StatusText(env.Code)
		}
		return nil, e
	case err == nil:
		err = fmt.Errorf("agentapi: response has neither \"code\" nor \"data\": %w", ErrMalformedResponse)
	}
	return nil, malformed(c.apiError(resp), err)
}

// response is an HTTP response with its body read.
type response struct {
	*http.Response
	body []byte
}

// send runs the call's attempts on URL u and reads the final response's
// body.
func (cl *call) send(u string) (*response, error) {
	req, err := retryablehttp.NewRequestWithContext(cl.ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("agentapi: GET %s: %w", cl.path, err)
	}
	req.Header = cl.c.header.Clone()
	resp, err := cl.retryClient().Do(req)
	if err != nil {
		return nil, cl.failure(err)
	}
	defer resp.Body.Close()
	limit := int64(maxBody)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		limit = maxErrorRead // only its start is kept
	}
	body, tooLarge, err := readBody(resp.Body, resp.ContentLength, limit)
	if err != nil && cl.ctx.Err() != nil {
		return nil, cl.failure(err)
	}
	res := &response{Response: resp, body: body}
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		// An error body cut short still tells the status.
	case tooLarge:
		return nil, malformed(cl.c.apiError(res), fmt.Errorf("agentapi: body larger than %d MiB: %w", maxBody>>20, ErrMalformedResponse))
	case err != nil:
		return nil, malformed(cl.c.apiError(res), fmt.Errorf("agentapi: reading body: %w: %w", ErrMalformedResponse, err))
	}
	return res, nil
}

// readBody reads r up to limit bytes into a buffer sized from the
// Content-Length when known. tooLarge reports a body past limit, of which the
// first limit bytes are returned.
func readBody(r io.Reader, contentLength, limit int64) (body []byte, tooLarge bool, err error) {
	if contentLength > limit {
		return nil, true, nil
	}
	size := int64(512)
	if contentLength >= 0 {
		size = contentLength + 1 // +1: room to see EOF without growing
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // let append pick the growth
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return buf[:limit], true, nil
		}
		if err == io.EOF {
			return buf, false, nil
		}
		if err != nil {
			return buf, false, err
		}
	}
}

// statusError returns the *APIError of a non-2xx response, with the
// envelope's code and message when the body holds one.
func (c *Client) statusError(resp *response) *APIError {
	e := c.apiError(resp)
	if env, err := decodeEnvelope(resp.body); err == nil {
		if env.HasCode {
			e.Code = env.Code
		}
		e.Message = env.Message
	}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// apiError returns an *APIError with what every response tells: status,
// Retry-After, request id and the start of the body.
func (c *Client) apiError(resp *response) *APIError {
	e := &APIError{
		HTTPStatus: resp.StatusCode,
		RequestID:  resp.Header.Get("X-Request-Id"),
		Body:       bytes.Clone(resp.body[:min(len(resp.body), maxErrorBody)]),
	}
	if ra, ok := c.retryAfter(resp.Header); ok {
		e.RetryAfter = ra
	}
	return e
}

// malformed sets e up as a body that is not the envelope, cause saying why.
func malformed(e *APIError, cause error) *APIError {
	if !errors.Is(cause, ErrMalformedResponse) {
		cause = fmt.Errorf("%w: %w", ErrMalformedResponse, cause)
	}
	msg := strings.TrimPrefix(cause.Error(), "agentapi: ")
	if !strings.HasPrefix(msg, "malformed response") {
		msg = "malformed response: " + msg
	}
	e.Message, e.err = msg, cause
	return e
}

// fetchInfo is what one call saw besides its result, for the pager: it comes
// back with every page's result, success or failure.
type fetchInfo struct {
	throttled int // responses with HTTP 429, retried or not
}
