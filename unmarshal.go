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
	if err := fn(d); err != nil {
		return err
	}
	if d.ws(); d.pos < len(d.data) {
		return errorf("unexpected %q after the value at offset %d", d.data[d.pos], d.pos)
	}
	return nil
}

// unmarshalObject decodes data into *dst with members, the type's member
// reader: {}, [] and null-free empty forms read as the zero value, null
// leaves *dst unchanged, and *dst is replaced only on success.
func unmarshalObject[T any](data []byte, dst *T, members func(*decoder, *T) error) error {
	return decodeWhole(data, defaultZone(), func(d *decoder) error {
		if d.peek() == 'n' {
			return d.literal("null")
		}
		var v T
		empty, err := d.object()
		if err == nil && !empty {
			err = members(d, &v)
		}
		if err == nil {
			*dst = v
		}
		return err
	})
}

// UnmarshalJSON reads a task object with the tolerance of the SDK's own
// decoding (see the package's models) and sets Raw to a copy of data. A
// value that is not an object, or a field of the wrong kind, is an error
// wrapping ErrMalformedResponse; null leaves t unchanged.
func (t *Task) UnmarshalJSON(data []byte) error {
	return decodeWhole(data, defaultZone(), func(d *decoder) error {
		if d.peek() == 'n' {
			return d.literal("null")
		}
		var v Task
		if err := d.task(&v); err != nil {
			return err
		}
		*t = v
		return nil
	})
}

// UnmarshalJSON reads a task_extras object tolerantly; {} and [] read as
// the zero value. Other values are errors wrapping ErrMalformedResponse.
func (e *TaskExtras) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, e, (*decoder).taskExtrasMembers)
}

// UnmarshalJSON reads a new_task_extra object tolerantly; {} and [] read
// as the zero value. Other values are errors wrapping ErrMalformedResponse.
func (e *NewTaskExtra) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, e, (*decoder).newTaskExtraMembers)
}

// UnmarshalJSON reads a work_hour element tolerantly (wday as a number or
// a string). Other values are errors wrapping ErrMalformedResponse.
func (w *WorkHour) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, w, (*decoder).workHourMembers)
}

// UnmarshalJSON reads a group object tolerantly; {} and [] read as the
// zero value. Other values are errors wrapping ErrMalformedResponse.
func (g *TaskGroup) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, g, (*decoder).groupMembers)
}

// UnmarshalJSON reads a meta object tolerantly (per_page as a string);
// {} and [] read as the zero value. Other values are errors wrapping
// ErrMalformedResponse.
func (m *PageMeta) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, m, (*decoder).metaMembers)
}
