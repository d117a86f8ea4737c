package agentapi

import "time"

// The json.Unmarshaler methods of the models, so that json.Unmarshal of
// stored API JSON gets the decoder's tolerance. They read timestamps in
// UTC+8 (json.Unmarshal knows no client), treat null as "no change", as
// encoding/json's own types do, and fail with errors wrapping
// ErrMalformedResponse. None of the models has a MarshalJSON: json.Marshal
// writes the API's keys through the struct tags.

// decodeWhole runs fn over data, which must hold nothing after the value.
func decodeWhole(data []byte, loc *time.Location, fn func(*decoder) error) error {
	d := newDecoder(data, loc)
	err := fn(d)
	if err == nil {
		err = d.End("the value")
	}
	return decodeFailure(err)
}

// unmarshalWith decodes data into *dst with read: null leaves *dst
// unchanged, and *dst is replaced only on success.
func unmarshalWith[T any](data []byte, dst *T, read func(*decoder, *T) error) error {
	return decodeWhole(data, defaultZone(), func(d *decoder) error {
		if d.Peek() == 'n' {
			return d.Literal("null")
		}
		var v T
		if err := read(d, &v); err != nil {
			return err
		}
		*dst = v
		return nil
	})
}

// unmarshalObject is unmarshalWith for an object field's reader: {} and []
// read as the zero value.
func unmarshalObject[T any](data []byte, dst *T, into func(*decoder, *T) (bool, error)) error {
	return unmarshalWith(data, dst, func(d *decoder, v *T) error {
		_, err := into(d, v)
		return err
	})
}

// UnmarshalJSON reads a task object with the tolerance of the SDK's own
// decoding (see the package's models) and sets Raw to a copy of data. A
// value that is not an object, or a field of the wrong kind, is an error
// wrapping ErrMalformedResponse; null leaves t unchanged.
func (t *Task) UnmarshalJSON(data []byte) error {
	return unmarshalWith(data, t, (*decoder).task)
}

// UnmarshalJSON reads a task_extras object tolerantly; {} and [] read as
// the zero value. Other values are errors wrapping ErrMalformedResponse.
func (e *TaskExtras) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, e, (*decoder).taskExtrasInto)
}

// UnmarshalJSON reads a new_task_extra object tolerantly; {} and [] read
// as the zero value. Other values are errors wrapping ErrMalformedResponse.
func (e *NewTaskExtra) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, e, (*decoder).newTaskExtraInto)
}

// UnmarshalJSON reads a work_hour element tolerantly (wday as a number or
// a string). Other values are errors wrapping ErrMalformedResponse.
func (w *WorkHour) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, w, (*decoder).workHourInto)
}

// UnmarshalJSON reads a group object tolerantly; {} and [] read as the
// zero value. Other values are errors wrapping ErrMalformedResponse.
func (g *TaskGroup) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, g, (*decoder).groupInto)
}

// UnmarshalJSON reads a meta object tolerantly (per_page as a string);
// {} and [] read as the zero value. Other values are errors wrapping
// ErrMalformedResponse.
func (m *PageMeta) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, m, (*decoder).metaInto)
}

// UnmarshalJSON reads a holiday object tolerantly. Other values are errors
// wrapping ErrMalformedResponse.
func (h *Holiday) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, h, (*decoder).holidayInto)
}

// UnmarshalJSON reads a dial-time group tolerantly (content as a list or
// a JSON-encoded string) and sets Raw to a copy of data. Other values are
// errors wrapping ErrMalformedResponse; null leaves g unchanged.
func (g *DialTimeGroup) UnmarshalJSON(data []byte) error {
	return unmarshalWith(data, g, (*decoder).dialTimeGroup)
}

// UnmarshalJSON reads a caller line tolerantly and sets Raw to a copy of
// data. Other values are errors wrapping ErrMalformedResponse; null leaves
// l unchanged.
func (l *CallerLine) UnmarshalJSON(data []byte) error {
	return unmarshalWith(data, l, (*decoder).callerLine)
}

// UnmarshalJSON reads the data of the task creation endpoint tolerantly
// and sets Raw to a copy of data. Other values are errors wrapping
// ErrMalformedResponse; null leaves s unchanged.
func (s *TaskSetup) UnmarshalJSON(data []byte) error {
	return unmarshalWith(data, s, (*decoder).taskSetup)
}
