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
	return prefixPath(err, key)
}

// wrapIndex prefixes the path of err with a list index.
func wrapIndex(err error, i int) error {
	return prefixPath(err, "["+strconv.Itoa(i)+"]")
}

// prefixPath puts seg, a key or an index, in front of err's path:
// "wday" then "[0]" then "work_hour" reads work_hour[0].wday.
func prefixPath(err error, seg string) error {
	if e, ok := err.(*decodeError); ok {
		switch {
		case e.path == "":
			e.path = seg
		case e.path[0] == '[':
			e.path = seg + e.path
		default:
			e.path = seg + "." + e.path
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
