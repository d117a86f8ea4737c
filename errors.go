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
	// ErrMalformedResponse: a response body that is not the API's
	// envelope (HTML, truncated, not JSON, a value of the wrong kind).
	ErrMalformedResponse = errors.New("agentapi: malformed response")
	// ErrInvalidArgument: an argument or option the SDK refuses before
	// sending any request.
	ErrInvalidArgument = errors.New("agentapi: invalid argument")
)

// maxErrorBody bounds APIError.Body.
const maxErrorBody = 64 << 10

// APIError is a response the API did not answer with success: an HTTP status
// outside 2xx, an envelope whose "code" is not 200, or a body that is not the
// envelope at all.
//
// errors.Is maps it to the sentinels: HTTP status or envelope code 401 to
// ErrUnauthorized, 403 to ErrForbidden, 404 to ErrNotFound, 429 to
// ErrRateLimited, 5xx to ErrServer; a body that could not be read as the
// envelope matches ErrMalformedResponse.
type APIError struct {
	HTTPStatus int           // the HTTP status of the last attempt
	Code       int           // the envelope's "code", when the body had one
	Message    string        // the envelope's "message", or a short reason
	RetryAfter time.Duration // from Retry-After, when present
	RequestID  string        // from X-Request-Id, when present
	Body       []byte        // the start of the body, at most 64 KiB

	err error // the cause, such as a decoding error wrapping ErrMalformedResponse
}

// Error returns the HTTP status, the envelope code when there was one, and
// the message, such as "agentapi: HTTP 200, code 401: Unauthenticated.".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("agentapi: HTTP ")
	fmt.Fprintf(&b, "%d", e.HTTPStatus)
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
	case ErrRateLimited:
		return status == http.StatusTooManyRequests
	case ErrServer:
		return status >= 500 && status <= 599
	}
	return false
}
