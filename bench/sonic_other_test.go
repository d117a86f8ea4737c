//go:build !amd64

package bench

// sonicDecoders returns no row off amd64, where sonic falls back to
// encoding/json.
func sonicDecoders() []decoder { return nil }
