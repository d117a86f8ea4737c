package agentapi

import "github.com/f703e656/agentapi/internal/jsonwire"

// envelope is what every response of the API wraps its data in.
type envelope struct {
	Code    int  // "code"
	HasCode bool // whether "code" was present
	Message string
	HasData bool // whether "data" was present
	Meta    PageMeta
}

// envelope reads the whole body as the envelope. data, when not nil, reads
// the value of "data"; it runs only while the code is absent or 200. When
// "data" comes before "code", its span is remembered and read at the end.
// A meta or message of the wrong kind fails only a success (see later).
// Errors are *jsonwire.Error, for the entry points to wrap.
func (d *decoder) envelope(data func(*decoder) error) (env envelope, err error) {
	d.SkipPrefix(utf8BOM) // PHP sends one when a source file starts with it
	if err := d.Expect('{', "looking for the envelope object"); err != nil {
		return env, err
	}
	dataAt := -1 // where a "data" read before "code" begins
	var lateErr error
	err = d.Members(func(k string) (err error) {
		switch k {
		case "code":
			env.Code, err = d.ReadInt()
			env.HasCode = err == nil
		case "message":
			start := d.Pos()
			if env.Message, err = d.ReadString(); err != nil {
				lateErr, err = d.later(err, start, k)
			}
		case "meta":
			start := d.Pos()
			env.Meta = PageMeta{}
			if _, err = d.metaInto(&env.Meta); err != nil {
				env.Meta = PageMeta{}
				lateErr, err = d.later(err, start, k)
			}
		case "data":
			env.HasData = true
			switch {
			case data == nil || (env.HasCode && env.Code != 200):
				err = d.Skip()
			case !env.HasCode:
				dataAt = d.Pos()
				err = d.Skip()
			default:
				dataAt = -1
				err = data(d)
			}
		}
		return err
	})
	if err != nil {
		return env, err
	}
	if err := d.End("the envelope"); err != nil {
		return env, err
	}
	success := data != nil && (!env.HasCode || env.Code == 200)
	if lateErr != nil && success {
		return env, lateErr
	}
	if dataAt >= 0 && success {
		d.Seek(dataAt)
		if err := data(d); err != nil {
			return env, jsonwire.WrapKey(err, "data")
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
	d.Seek(start)
	if skipErr := d.Skip(); skipErr != nil {
		return nil, skipErr
	}
	return jsonwire.WrapKey(err, key), nil
}
