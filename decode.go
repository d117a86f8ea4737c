package agentapi

import (
	"strings"
	"time"
)

// cst is China Standard Time, UTC+8 without daylight saving: the zone of
// the API's timestamps. A *time.Location is never mutated once made.
var cst = time.FixedZone("CST", 8*60*60)

// utf8BOM is the byte order mark a body may start with.
const utf8BOM = "\xef\xbb\xbf"

// defaultZone is China Standard Time, the zone of the API's timestamps.
func defaultZone() *time.Location { return cst }

// envelope is what every response of the API wraps its data in.
type envelope struct {
	Code    int  // "code"
	HasCode bool // whether "code" was present
	Message string
	HasData bool // whether "data" was present
	Meta    PageMeta
}

// maxPageTasks bounds the tasks of one page. Real tasks are over 2 KB of
// JSON, so a 64 MiB body holds fewer than 35,000 of them.
const maxPageTasks = 100_000

// decodeTaskPage decodes a subset_task response body in one pass: the
// envelope and its list of tasks. Timestamps without a zone read in loc.
//
// Errors wrap ErrMalformedResponse and name the value and its path, such as
// data[3].new_task_extra.work_hour[0].wday. A body that is not a JSON
// object, has trailing bytes, or has neither "code" nor "data" is an error.
// When "code" is present and not 200, data is not decoded and no error is
// returned for it. On an error, the envelope's fields read so far are still
// returned, so that the caller can report the API's code and message.
func decodeTaskPage(body []byte, loc *time.Location) (envelope, []Task, error) {
	d := newDecoder(body, loc)
	var tasks []Task
	env, err := d.envelope(func(d *decoder) error {
		n := 0
		var err error
		tasks, err = readList(d, nil, func(d *decoder, t *Task) error {
			// A Task is ~800 bytes in memory: a body of "{}," would
			// otherwise turn 64 MiB into gigabytes.
			if n++; n > maxPageTasks {
				return errorf("more than %d tasks in one page", maxPageTasks)
			}
			return d.task(t)
		})
		return err
	})
	if err == nil && !env.HasCode && !env.HasData {
		err = errorf("the body has neither code nor data")
	}
	if err != nil || (env.HasCode && env.Code != 200) {
		tasks = nil
	}
	return env, tasks, err
}

// decodeEnvelope reads the envelope of an error response (such as Laravel's
// 401 {"message":"Unauthenticated."}): code, message and meta, skipping
// data. It fails, wrapping ErrMalformedResponse, when the body is not a
// JSON object; the fields read before the error are returned with it.
func decodeEnvelope(body []byte) (envelope, error) {
	return newDecoder(body, defaultZone()).envelope(nil)
}

// envelope reads the whole body as the envelope. data, when not nil, reads
// the value of "data"; it runs only while the code is absent or 200. When
// "data" comes before "code", its span is remembered and read at the end.
// A meta or message of the wrong kind fails only a success (see later).
func (d *decoder) envelope(data func(*decoder) error) (env envelope, err error) {
	if strings.HasPrefix(d.s, utf8BOM) {
		d.pos = len(utf8BOM) // PHP sends one when a source file starts with it
	}
	if d.peek() != '{' {
		return env, d.syntaxError("looking for the envelope object")
	}
	d.pos++
	dataAt := -1 // where a "data" read before "code" begins
	var lateErr error
	if d.peek() == '}' {
		d.pos++
	} else {
		for {
			k, err := d.key()
			if err != nil {
				return env, err
			}
			switch k {
			case "code":
				env.Code, err = d.readInt()
				env.HasCode = err == nil
			case "message":
				start := d.pos
				if env.Message, err = d.readString(); err != nil {
					lateErr, err = d.later(err, start, k)
				}
			case "meta":
				start := d.pos
				if env.Meta, err = d.meta(); err != nil {
					lateErr, err = d.later(err, start, k)
				}
			case "data":
				env.HasData = true
				if data == nil || (env.HasCode && env.Code != 200) {
					err = d.skip()
				} else if !env.HasCode {
					dataAt = d.pos
					err = d.skip()
				} else {
					dataAt = -1
					err = data(d)
				}
			default:
				err = d.skip()
			}
			if err != nil {
				return env, wrapKey(err, k)
			}
			more, err := d.next('}')
			if err != nil {
				return env, err
			}
			if !more {
				break
			}
		}
	}
	if d.ws(); d.pos < len(d.data) {
		return env, errorf("unexpected %q after the envelope at offset %d", d.data[d.pos], d.pos)
	}
	success := data != nil && (!env.HasCode || env.Code == 200)
	if lateErr != nil && success {
		return env, lateErr
	}
	if dataAt >= 0 && success {
		d.pos = dataAt
		if err := data(d); err != nil {
			return env, wrapKey(err, "data")
		}
	}
	return env, nil
}

// later defers err, an error in the value of key that began at start: it
// skips the value and returns err for the caller to report only if the body
// turns out to be a success. An error envelope (a code other than 200, or
// one read by decodeEnvelope) with an odd meta or message still yields its
// code. A syntax error in the value is returned at once.
func (d *decoder) later(err error, start int, key string) (deferred, now error) {
	d.pos = start
	if skipErr := d.skip(); skipErr != nil {
		return nil, skipErr
	}
	return wrapKey(err, key), nil
}
