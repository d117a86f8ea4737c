package jsonwire

import (
	"fmt"
	"strconv"
	"strings"
)

// Error is a value that the reader refused: where it is and what was wrong.
// The caller decides how to present it (the SDK wraps it in its
// ErrMalformedResponse); Path and Msg are kept apart so that it can build
// its own messages from them.
type Error struct {
	Path string // such as data[3].new_task_extra.work_hour[0].wday; "" at the top
	Msg  string // such as `string "x" is not an integer`
}

// Error returns "path: msg", or msg alone when the path is empty.
func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// WrapKey puts an object member's key in front of the path of err, when err
// is an *Error; other errors are returned as they are. Paths are built only
// while a failed decoder unwinds.
func WrapKey(err error, key string) error { return prefixPath(err, key) }

// WrapIndex puts a list index in front of the path of err (see WrapKey).
func WrapIndex(err error, i int) error { return prefixPath(err, "["+strconv.Itoa(i)+"]") }

// prefixPath puts seg, a key or an index, in front of err's path:
// "wday" then "[0]" then "work_hour" reads work_hour[0].wday.
func prefixPath(err error, seg string) error {
	if e, ok := err.(*Error); ok {
		switch {
		case e.Path == "":
			e.Path = strings.Clone(seg) // seg may alias the input
		case e.Path[0] == '[':
			e.Path = seg + e.Path
		default:
			e.Path = seg + "." + e.Path
		}
	}
	return err
}

// Errorf returns an *Error without a path yet.
func Errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// Quote quotes s for an error message, cut to a readable length.
func Quote(s string) string {
	if len(s) > 64 {
		return strconv.Quote(s[:64]) + "…"
	}
	return strconv.Quote(s)
}
