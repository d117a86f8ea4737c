package agentapi

import (
	"encoding/json"
	"time"

	"github.com/f703e656/agentapi/internal/jsonwire"
)

// cst is China Standard Time, UTC+8 without daylight saving: the zone of
// the API's timestamps. A *time.Location is never mutated once made.
var cst = time.FixedZone("CST", 8*60*60)

// utf8BOM is the byte order mark a body may start with.
const utf8BOM = "\xef\xbb\xbf"

// defaultZone is China Standard Time, the zone of the API's timestamps.
func defaultZone() *time.Location { return cst }

// maxPageTasks bounds the items of one page. Real tasks are over 2 KB of
// JSON, so a 64 MiB body holds fewer than 35,000 of them.
const maxPageTasks = 100_000

// decoder is the JSON reader of internal/jsonwire with the scratch space
// of the models' lists: a list is read into it and then copied into a slice
// of the exact size, one allocation per list.
type decoder struct {
	jsonwire.Decoder
	raws  []json.RawMessage
	days  []DialTimeDay
	times []TimeRange

	enable bool // whether the task being read sent its own "enable"

	// A task's small parts, one allocation each for the whole task rather
	// than one per list or object (see taskSlabs); nil between tasks.
	parts     *taskParts
	hourSlab  []WorkHour
	intSlab   []int
	hourGuess int // the work hours of the last task, for the next's slab
	intGuess  int // the ints of the last task's lists, likewise
}

// newDecoder returns a decoder over data whose zone-less timestamps read in loc.
func newDecoder(data []byte, loc *time.Location) *decoder {
	d := new(decoder)
	d.Reset(data, loc)
	return d
}

// readTime reads a Time field (see Time).
func (d *decoder) readTime() (Time, error) {
	t, err := d.ReadTime()
	return Time{t}, err
}

// model reads one value of a model at pos into v: an item of a page, or the
// data of a response. A model that keeps text reads it inside Own, so that
// the value keeps its own bytes, not the body's (see Task).
type model[T any] func(d *decoder, v *T) error

// decodeTaskPage decodes a task list response body in one pass: the
// envelope and its list of tasks. Timestamps without a zone read in loc.
// It is decodeListPage with the task model.
func decodeTaskPage(body []byte, loc *time.Location) (envelope, []Task, error) {
	return decodeListPage(body, loc, (*decoder).task)
}

// decodeListPage decodes a list response body: the envelope and the items
// of "data", each read by read. Timestamps without a zone read in loc.
//
// Errors wrap ErrMalformedResponse and a *jsonwire.Error naming the value and
// its path, such as data[3].new_task_extra.work_hour[0].wday. A body that is
// not a JSON object, has trailing bytes, or has neither "code" nor "data" is
// an error. When "code" is present and not 200, data is not decoded, nil
// items and no error are returned, for the caller to map the code. On an
// error, the envelope's fields read so far are still returned, so that the
// caller can report the API's code and message.
func decodeListPage[T any](body []byte, loc *time.Location, read model[T]) (envelope, []T, error) {
	d := newDecoder(body, loc)
	var items []T
	env, err := d.envelope(func(d *decoder) error {
		n := 0
		var err error
		items, err = jsonwire.LongList(&d.Decoder, func(v *T) error {
			// A Task is ~900 bytes in memory: a body of "{}," would
			// otherwise turn 64 MiB into gigabytes.
			if n++; n > maxPageTasks {
				return jsonwire.Errorf("more than %d tasks in one page", maxPageTasks)
			}
			return read(d, v)
		})
		return err
	})
	if err == nil && !env.HasCode && !env.HasData {
		err = jsonwire.Errorf("the body has neither code nor data")
	}
	if err != nil || (env.HasCode && env.Code != 200) {
		items = nil
	}
	return env, items, decodeFailure(err)
}

// decodeData decodes a response body whose "data" is one value, read by
// read. data null, [], {} or absent gives a zero *T, not an error (a write
// may answer nothing). When "code" is present and not 200, data is not
// decoded: a nil *T and no error are returned, for the caller to map the
// code. Errors are as decodeListPage's.
func decodeData[T any](body []byte, loc *time.Location, read model[T]) (envelope, *T, error) {
	d := newDecoder(body, loc)
	v := new(T)
	env, err := d.envelope(func(d *decoder) error {
		*v = *new(T) // a repeated "data": the last one wins
		if d.Empty() {
			return nil
		}
		return read(d, v)
	})
	if err == nil && !env.HasCode && !env.HasData {
		err = jsonwire.Errorf("the body has neither code nor data")
	}
	if err != nil || (env.HasCode && env.Code != 200) {
		v = nil
	}
	return env, v, decodeFailure(err)
}

// decodeEnvelope reads the envelope of an error response (such as Laravel's
// 401 {"message":"Unauthenticated."}): code, message and meta, skipping
// data. It fails, wrapping ErrMalformedResponse, when the body is not a
// JSON object; the fields read before the error are returned with it.
func decodeEnvelope(body []byte) (envelope, error) {
	env, err := newDecoder(body, defaultZone()).envelope(nil)
	return env, decodeFailure(err)
}
