package agentapi

import (
	"errors"
	"time"

	"github.com/f703e656/agentapi/internal/jsonwire"
)

// timeLayout is the API's own timestamp form, in the time.Format notation.
const timeLayout = "2006-01-02 15:04:05"

// errTimeRange is what the marshalling methods return for a Time whose year
// the API's form cannot hold.
var errTimeRange = errors.New("agentapi: Time: year outside of range [0,9999]")

// inRange reports whether the API's form can hold t's year.
func inRange(t time.Time) bool {
	y := t.Year()
	return y >= 0 && y <= 9999
}

// MarshalJSON returns t as the API writes it, "2006-01-02 15:04:05" in t's
// own location (so a Time reads back as the string it was read from), or
// null when t is zero. It fails for a year outside 0-9999.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	if !inRange(t.Time) {
		return nil, errTimeRange
	}
	b := make([]byte, 0, len(timeLayout)+2)
	b = append(b, '"')
	b = jsonwire.AppendTime(b, t.Time)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a JSON string as the API's timestamps read (see
// Time): in UTC+8 when it has no zone, since json.Unmarshal knows no client
// and its WithTimeZone. null leaves t unchanged, as encoding/json's own
// types do. Any other value is an error wrapping ErrMalformedResponse.
func (t *Time) UnmarshalJSON(data []byte) error {
	return decodeWhole(data, defaultZone(), func(d *decoder) error {
		if d.Peek() == 'n' {
			return d.Literal("null") // no change, as encoding/json's own types do
		}
		v, err := d.ReadTime()
		if err == nil {
			*t = Time{v}
		}
		return err
	})
}

// MarshalText returns t as "2006-01-02 15:04:05" in t's own location, or
// nothing when t is zero, consistently with MarshalJSON (the embedded
// time.Time's RFC 3339 form would otherwise show through). It fails for a
// year outside 0-9999.
func (t Time) MarshalText() ([]byte, error) {
	return t.AppendText(nil)
}

// AppendText appends the MarshalText form of t to b.
func (t Time) AppendText(b []byte) ([]byte, error) {
	if t.IsZero() {
		return b, nil
	}
	if !inRange(t.Time) {
		return nil, errTimeRange
	}
	return jsonwire.AppendTime(b, t.Time), nil
}

// UnmarshalText reads text as a timestamp of the API (see Time), empty text
// as the zero Time, in UTC+8 when text has no zone. Other text is an error
// wrapping ErrMalformedResponse.
func (t *Time) UnmarshalText(text []byte) error {
	v, ok := jsonwire.ParseTime(string(text), defaultZone())
	if !ok {
		return decodeFailure(jsonwire.Errorf("string %s is not a time", jsonwire.Quote(string(text))))
	}
	*t = Time{v}
	return nil
}
