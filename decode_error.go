package agentapi

import (
	"fmt"
	"strconv"
)

// decodeError is a malformed body: what was wrong and where. It matches
// ErrMalformedResponse.
type decodeError struct {
	path string // such as data[3].new_task_extra.work_hour[0].wday
	msg  string
}

// Error returns the message with the path of the value it concerns.
func (e *decodeError) Error() string {
	if e.path == "" {
		return ErrMalformedResponse.Error() + ": " + e.msg
	}
	return ErrMalformedResponse.Error() + ": " + e.path + ": " + e.msg
}

// Unwrap returns ErrMalformedResponse.
func (e *decodeError) Unwrap() error { return ErrMalformedResponse }

// wrapKey prefixes the path of err with an object member's key. The path is
// built only on the error path, while the decoders unwind.
func wrapKey(err error, key string) error {
	if e, ok := err.(*decodeError); ok {
		switch {
		case e.path == "":
			e.path = key
		case e.path[0] == '[':
			e.path = key + e.path
		default:
			e.path = key + "." + e.path
		}
	}
	return err
}

// wrapIndex prefixes the path of err with a list index.
func wrapIndex(err error, i int) error {
	if e, ok := err.(*decodeError); ok {
		idx := "[" + strconv.Itoa(i) + "]"
		switch {
		case e.path == "":
			e.path = idx
		case e.path[0] == '[':
			e.path = idx + e.path
		default:
			e.path = idx + "." + e.path
		}
	}
	return err
}

// errorf returns a decodeError without a path yet.
func errorf(format string, args ...any) error {
	return &decodeError{msg: fmt.Sprintf(format, args...)}
}

// quote quotes s for an error message, cut to a readable length.
func quote(s string) string {
	if len(s) > 64 {
		return strconv.Quote(s[:64]) + "…"
	}
	return strconv.Quote(s)
}
