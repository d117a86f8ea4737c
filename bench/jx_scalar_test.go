package bench

import (
	"encoding/json"

	"github.com/go-faster/jx"
)

// The scalar helpers of the jx loop. null leaves the zero value, as
// encoding/json does for a non-pointer field.

func jxStr(d *jx.Decoder) (string, error) {
	if d.Next() == jx.Null {
		return "", d.Null()
	}
	return d.Str()
}

func jxInt(d *jx.Decoder) (int, error) {
	if d.Next() == jx.Null {
		return 0, d.Null()
	}
	return d.Int()
}

func jxIntTo(d *jx.Decoder, p *int) (err error) {
	*p, err = jxInt(d)
	return err
}

func jxBool(d *jx.Decoder) (bool, error) {
	if d.Next() == jx.Null {
		return false, d.Null()
	}
	return d.Bool()
}

// jxRaw copies the next value out of the body, as json.RawMessage's
// UnmarshalJSON does (null included, as the bytes "null").
func jxRaw(d *jx.Decoder) (json.RawMessage, error) {
	raw, err := d.Raw()
	if err != nil {
		return nil, err
	}
	return append(json.RawMessage(nil), raw...), nil
}

func jxRawTo(d *jx.Decoder, p *json.RawMessage) (err error) {
	*p, err = jxRaw(d)
	return err
}

// jxList decodes an array in place, element by element; null is a nil
// slice, [] an empty one, as with encoding/json.
func jxList[T any](d *jx.Decoder, elem func(*jx.Decoder, *T) error) ([]T, error) {
	if d.Next() == jx.Null {
		return nil, d.Null()
	}
	s := make([]T, 0)
	err := d.Arr(func(d *jx.Decoder) error {
		var zero T
		s = append(s, zero)
		return elem(d, &s[len(s)-1])
	})
	return s, err
}

// jxPtr decodes an optional object: null is nil.
func jxPtr[T any](d *jx.Decoder, decode func(*jx.Decoder, *T) error) (*T, error) {
	if d.Next() == jx.Null {
		return nil, d.Null()
	}
	v := new(T)
	if err := decode(d, v); err != nil {
		return nil, err
	}
	return v, nil
}
