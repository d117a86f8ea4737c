package bench

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"testing"

	"github.com/go-faster/jx"
)

// The side by side of issue 13, in one run:
//
//	go test -run x -bench . -benchmem -count 6 | tee new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest new.txt
//
// Every row decodes the same 100-task page (benchPage); see README.md.

// BenchmarkPage decodes one page with each library into the mirror structs,
// the two floors, and the SDK end to end through its public API.
func BenchmarkPage(b *testing.B) {
	page := mustPage(b)
	for _, d := range decoders() {
		b.Run(d.name, func(b *testing.B) {
			perTask(b, page, func() (int, error) {
				e, err := d.raw(page)
				if err != nil {
					return 0, err
				}
				return e.tasks(), nil
			})
		})
	}
	b.Run("floor-json-valid", func(b *testing.B) {
		perTask(b, page, func() (int, error) {
			if !json.Valid(page) {
				return 0, errors.New("invalid JSON")
			}
			return benchTasks, nil
		})
	})
	b.Run("floor-jx-skip", func(b *testing.B) {
		var d jx.Decoder
		perTask(b, page, func() (int, error) {
			d.ResetBytes(page)
			return benchTasks, d.Skip()
		})
	})
	b.Run("sdk", func(b *testing.B) {
		list, err := sdkDecoder(&memTransport{body: page})
		if err != nil {
			b.Fatal(err)
		}
		perTask(b, page, list)
	})
	gz, err := newGzipTransport(page)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("sdk-gzip", func(b *testing.B) {
		list, err := sdkDecoder(gz)
		if err != nil {
			b.Fatal(err)
		}
		perTask(b, page, list)
		b.ReportMetric(float64(len(gz.gz)), "gzip-B") // after perTask's ResetTimer, which drops metrics
	})
	b.Run("floor-gunzip", func(b *testing.B) {
		req, err := http.NewRequest(http.MethodGet, "http://bench.invalid/", nil)
		if err != nil {
			b.Fatal(err)
		}
		perTask(b, page, func() (int, error) {
			resp, err := gz.RoundTrip(req)
			if err != nil {
				return 0, err
			}
			defer resp.Body.Close()
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				return 0, err
			}
			return benchTasks, nil
		})
		b.ReportMetric(float64(len(gz.gz)), "gzip-B")
	})
}

// mustPage returns the benchmarked page or stops the test.
func mustPage(tb testing.TB) []byte {
	tb.Helper()
	page, err := benchPage(benchTasks)
	if err != nil {
		tb.Fatal(err)
	}
	return page
}

// perTask runs decode b.N times and reports, beside the usual per-page
// figures, µs/task (wall clock), cpu-µs/task (CPU of the whole process,
// GC included: steadier than the wall clock on a shared machine), allocs/task, the body's size (body-B) and the bytes
// allocated per page over the body's size (alloc/body).
func perTask(b *testing.B, page []byte, decode func() (int, error)) {
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	if n, err := decode(); err != nil || n != benchTasks { // warm up, and check once
		b.Fatalf("decoded %d tasks: %v", n, err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := decode()
		if err != nil || n != benchTasks {
			b.Fatalf("decoded %d tasks: %v", n, err)
		}
	}
	b.StopTimer()
	cpu := processCPU() - cpu0
	runtime.ReadMemStats(&after)
	pages := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/pages/benchTasks/1000, "µs/task")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/pages/benchTasks/1000, "cpu-µs/task")
	}
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/pages/benchTasks, "allocs/task")
	b.ReportMetric(float64(len(page)), "body-B")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/pages/float64(len(page)), "alloc/body")
}
