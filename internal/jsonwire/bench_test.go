package jsonwire

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"
)

// BenchmarkValueEnd finds the end of the seed example's envelope, as Own
// does for every task, against Skip, the validating pass.
func BenchmarkValueEnd(b *testing.B) {
	pretty, err := os.ReadFile("../../testdata/subset_task_example.json")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, pretty); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes() // as the server sends it
	d := NewDecoder(data, time.UTC)
	b.Run("valueEnd", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			d.pos = 0
			if d.valueEnd() < len(data)-2 {
				b.Fatal("short")
			}
		}
	})
	b.Run("Skip", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			d.pos = 0
			if d.Skip() != nil {
				b.Fatal("skip")
			}
		}
	})
}
