package agentapitest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/f703e656/agentapi/agentapitest"
)

// discard is a ResponseWriter that keeps nothing: the benchmark measures
// the fake's own work, not a network or a recorder's copying.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkServePage measures one 100-task page, rendered and written.
func BenchmarkServePage(b *testing.B) {
	for _, tc := range []struct {
		name  string
		tasks int
		query string
	}{
		{"100tasks", 4_000, "page=7&per_page=100"},
		{"100of100k", 100_000, "page=731&per_page=100"},
		{"filtered100k", 100_000, "page=2&per_page=100&name=回访"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := agentapitest.NewFake(agentapitest.WithTasks("u1", tc.tasks))
			req := httptest.NewRequest(http.MethodGet, "/agent-api/new/user/u1/subset_task?"+tc.query, nil)
			req.Header.Set("Accept", "application/json")
			w := &discard{h: http.Header{}}
			f.ServeHTTP(w, req)
			n, err := strconv.Atoi(w.h.Get("Content-Length"))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				clear(w.h)
				f.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkLoopbackPage measures fetching one 100-task page over loopback
// with net/http, the body read and discarded: the fake's share of an SDK
// benchmark's page.
func BenchmarkLoopbackPage(b *testing.B) {
	s := newServer(b, agentapitest.WithTasks("u1", 4_000))
	url := s.URL + "/agent-api/new/user/u1/subset_task?page=7&per_page=100"
	c := s.Client()
	b.ReportAllocs()
	for range b.N {
		resp, err := c.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(n)
	}
}
