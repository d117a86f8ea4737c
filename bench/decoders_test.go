package bench

import (
	"encoding/json"

	"github.com/go-faster/jx"
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	gojson "github.com/goccy/go-json"
)

// decoded is a decoded page: every mirror envelope is one.
type decoded interface{ tasks() int }

func (e *envelope[R, Q]) tasks() int { return len(e.Data) }

// decoder is one library of the side by side. raw decodes into the mirror
// structs with the quirky fields raw (what the benchmark times); typed into
// the same structs with per_page and wday typed int (the quirk check).
type decoder struct {
	name  string
	raw   func(body []byte) (decoded, error)
	typed func(body []byte) (decoded, error)
}

// decoders returns the libraries compared, in the order of issue 13's table.
func decoders() []decoder {
	ds := []decoder{
		{name: "goccy-go-json", raw: via[json.RawMessage, json.RawMessage](gojson.Unmarshal),
			typed: via[json.RawMessage, int](gojson.Unmarshal)},
	}
	ds = append(ds, sonicDecoders()...)
	return append(ds,
		decoder{name: "jx-ogen-loop", raw: jxVia(jxRaw), typed: jxVia(jxInt)},
		decoder{name: "json-v2", raw: via[jsontext.Value, jsontext.Value](v2Unmarshal),
			typed: via[jsontext.Value, int](v2Unmarshal)},
		decoder{name: "encoding-json", raw: via[json.RawMessage, json.RawMessage](json.Unmarshal),
			typed: via[json.RawMessage, int](json.Unmarshal)},
	)
}

// via decodes with a reflection-based Unmarshal into envelope[R, Q].
func via[R, Q any](unmarshal func([]byte, any) error) func([]byte) (decoded, error) {
	return func(body []byte) (decoded, error) {
		e := new(envelope[R, Q])
		if err := unmarshal(body, e); err != nil {
			return nil, err
		}
		return e, nil
	}
}

// jxVia decodes with the hand-written jx loop, quirk decoding per_page and wday.
func jxVia[Q any](quirk func(*jx.Decoder) (Q, error)) func([]byte) (decoded, error) {
	j := jxDecoder[Q]{quirk: quirk}
	return func(body []byte) (decoded, error) {
		e, err := j.decode(body)
		if err != nil {
			return nil, err
		}
		return e, nil
	}
}

// v2Unmarshal is json v2's Unmarshal with its default options.
func v2Unmarshal(body []byte, v any) error { return jsonv2.Unmarshal(body, v) }
