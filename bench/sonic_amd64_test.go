//go:build amd64

package bench

import (
	"encoding/json"

	"github.com/bytedance/sonic"
)

// sonicDecoders returns sonic's row: its JIT decoder runs on amd64 (on other
// platforms it falls back to encoding/json, so the row is left out there).
// sonic.Unmarshal uses its default config: strings may alias the body.
func sonicDecoders() []decoder {
	return []decoder{{name: "sonic",
		raw:   via[json.RawMessage, json.RawMessage](sonic.Unmarshal),
		typed: via[json.RawMessage, int](sonic.Unmarshal)}}
}
