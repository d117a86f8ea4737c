package agentapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/f703e656/agentapi/agentapitest"
)

// statusCounter counts the responses of a handler by status.
type statusCounter struct {
	next      http.Handler
	requests  atomic.Int64
	throttled atomic.Int64
}

func (s *statusCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.next.ServeHTTP(statusSpy{w, s}, r)
}

// statusSpy notes a 429 as its header is written.
type statusSpy struct {
	http.ResponseWriter
	s *statusCounter
}

func (w statusSpy) WriteHeader(code int) {
	if code == http.StatusTooManyRequests {
		w.s.throttled.Add(1)
	}
	w.ResponseWriter.WriteHeader(code)
}

// BenchmarkThrottledWalk walks 50 pages of 100 tasks at concurrency 8
// against the fake's Laravel-like throttle of 20 requests per 15 s, on the
// real clock. The ideal is ⌈50/20⌉−1 = 2 windows, 30 s: a client that knew
// the window exactly would send 20 requests in each of the first two
// windows and the last 10 as the third opens. It reports the 429s the
// server sent, the walk's seconds and their ratio to the ideal:
//
//	go test -run '^$' -bench ThrottledWalk -benchtime 1x -count 3 .
func BenchmarkThrottledWalk(b *testing.B) {
	const (
		pages, perPage = 50, 100
		limit, window  = 20, 15 * time.Second
	)
	ideal := time.Duration((pages+limit-1)/limit-1) * window
	for i := 0; i < b.N; i++ {
		fake := agentapitest.NewFake(agentapitest.WithTasks("u1", pages*perPage), agentapitest.WithToken("tok"),
			agentapitest.WithRateLimit(limit, window))
		counter := &statusCounter{next: fake}
		srv := httptest.NewServer(counter)
		c, err := NewClient(srv.URL, WithToken("tok"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		n := 0
		p := c.SubsetTasks("u1", nil, WithConcurrency(8))
		for _, err := range p.All(context.Background()) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		took := time.Since(start)
		srv.Close()
		fake.Close()
		if n != pages*perPage {
			b.Fatalf("walked %d tasks, want %d", n, pages*perPage)
		}
		b.ReportMetric(float64(counter.throttled.Load()), "429s/walk")
		b.ReportMetric(float64(counter.requests.Load()), "requests/walk")
		b.ReportMetric(took.Seconds(), "s/walk")
		b.ReportMetric(took.Seconds()/ideal.Seconds(), "x-ideal")
	}
}
