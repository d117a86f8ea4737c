package agentapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinel errors. Match them with errors.Is; the errors the SDK returns wrap
// them, and an *APIError matches the ones its status or code map to.
var (
	// ErrUnauthorized: HTTP 401, or an envelope code of 401.
	ErrUnauthorized = errors.New("agentapi: unauthorized")
	// ErrForbidden: HTTP 403, or an envelope code of 403.
	ErrForbidden = errors.New("agentapi: forbidden")
	// ErrNotFound: HTTP 404, or an envelope code of 404.
	ErrNotFound = errors.New("agentapi: not found")
	// ErrRateLimited: HTTP 429, or an envelope code of 429.
	ErrRateLimited = errors.New("agentapi: rate limited")
	// ErrServer: an HTTP 5xx, or an envelope code in 500-599.
	ErrServer = errors.New("agentapi: server error")
	// ErrMalformedResponse: a response body that arrived whole but is not
	// the API's envelope (HTML, not JSON, a value of the wrong kind). A body
	// cut short by the network is a transport error, not this.
	ErrMalformedResponse = errors.New("agentapi: malformed response")
	// ErrInvalidArgument: an argument or option the SDK refuses before
	// sending any request.
	ErrInvalidArgument = errors.New("agentapi: invalid argument")
	// ErrValidation: HTTP 422 (or an envelope code of 422), Laravel's
	// answer to input it refuses; APIError.Errors holds the field errors.
	ErrValidation = errors.New("agentapi: validation failed")
	// ErrTaskRunning: envelope code 6007 ("2.0任务启动中,请先停止任务"),
	// a change refused because the task is running: pause it first.
	ErrTaskRunning = errors.New("agentapi: task is running")
)

// codeTaskRunning is the envelope code of a change to a running task.
const codeTaskRunning = 6007

// maxErrorBody bounds APIError.Body.
const maxErrorBody = 64 << 10

// APIError is a response the API did not answer with success: an HTTP status
// outside 2xx, an envelope whose "code" is not 200, or a body that is not the
// envelope at all.
//
// errors.Is maps it to the sentinels: HTTP status or envelope code 401 to
// ErrUnauthorized, 403 to ErrForbidden, 404 to ErrNotFound, 422 to
// ErrValidation, 429 to ErrRateLimited, 5xx to ErrServer, envelope code 6007
// to ErrTaskRunning; a body that could not be read as the envelope matches
// ErrMalformedResponse. The client's token and WithHeader values never
// appear in Message, Body or the error's text: they are replaced by
// "[REDACTED]".
type APIError struct {
	HTTPStatus int           // the HTTP status of the last attempt
	Code       int           // the envelope's "code", when the body had one
	Message    string        // the envelope's "message", or a short reason
	RetryAfter time.Duration // from Retry-After, when present
	RequestID  string        // from X-Request-Id, when present
	Body       []byte        // the start of the body, at most 64 KiB
	RateLimit  RateLimit     // from the X-RateLimit-* headers

	// Errors holds the field errors of a validation failure (HTTP 422):
	// Laravel's {"errors": {"field": ["message", ...]}}.
	Errors map[string][]string

	err error // the cause, such as a decoding error wrapping ErrMalformedResponse
}

// Error returns the HTTP status, the envelope code when there was one, and
// the message, such as "agentapi: HTTP 200, code 401: Unauthenticated.".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "agentapi: HTTP %d", e.HTTPStatus)
	if e.Code != 0 {
		fmt.Fprintf(&b, ", code %d", e.Code)
	}
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.HTTPStatus)
	}
	if msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request id %s]", e.RequestID)
	}
	return b.String()
}

// Unwrap returns the error's cause, if any: for a malformed body, the
// decoding error.
func (e *APIError) Unwrap() error { return e.err }

// Is reports whether the sentinel target matches the error's HTTP status or
// envelope code.
func (e *APIError) Is(target error) bool {
	return matchStatus(e.HTTPStatus, target) || matchStatus(e.Code, target)
}

// matchStatus reports whether an HTTP status or envelope code maps to the
// sentinel target.
func matchStatus(status int, target error) bool {
	switch target {
	case ErrUnauthorized:
		return status == http.StatusUnauthorized
	case ErrForbidden:
		return status == http.StatusForbidden
	case ErrNotFound:
		return status == http.StatusNotFound
	case ErrValidation:
		return status == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return status == http.StatusTooManyRequests
	case ErrServer:
		return status >= 500 && status <= 599
	case ErrTaskRunning:
		return status == codeTaskRunning
	}
	return false
}

// quiet returns err for wrapping with %w under a message that already says
// "agentapi:": its text drops its own prefix, so that a chain says it once;
// errors.Is and errors.As see err unchanged.
func quiet(err error) error {
	if err == nil {
		return nil
	}
	return quietError{err}
}

// quietError is err whose text has no "agentapi: " prefix.
type quietError struct{ err error }

// Error returns err's text without its leading "agentapi: ".
func (q quietError) Error() string { return strings.TrimPrefix(q.err.Error(), "agentapi: ") }

// Unwrap returns err.
func (q quietError) Unwrap() error { return q.err }

// wrapf returns an error whose text is "agentapi: " and format; error
// arguments (for %w or %v) show without a prefix of their own.
func wrapf(format string, args ...any) error {
	for i, a := range args {
		if err, ok := a.(error); ok {
			args[i] = quiet(err)
		}
	}
	return fmt.Errorf("agentapi: "+format, args...)
}
