package agentapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The benchmarks of issues 3 and 5, side by side with a hand-written
// net/http + encoding/json loop in the same run:
//
//	go test -run '^$' -bench 'DecodePage|Iterate' -benchmem -count 6 . | tee new.txt
//
// BenchmarkDecodePage isolates decoding: one 100-task page through an
// in-memory RoundTripper. BenchmarkIterate walks 40 pages of 100 tasks
// over loopback, without and with 5 ms of added latency, beside fetch-only
// walks of the same pages (bench_walk_test.go).

// memTransport answers every request with the same 200 response, from
// memory: no network, so only the client's own work is measured.
type memTransport struct{ body []byte }

func (m memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(m.body)),
		ContentLength: int64(len(m.body)),
		Request:       r,
	}, nil
}

// handWritten is what a user writes without the SDK: GET, then
// encoding/json into spec-faithful mirror structs.
func handWritten(ctx context.Context, hc *http.Client, url string) (*stdEnvelope, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var env stdEnvelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return nil, err
	}
	return &env, nil
}

func BenchmarkDecodePage(b *testing.B) {
	page := benchPage(benchTasks)
	hc := &http.Client{Transport: memTransport{body: page}}
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c, err := NewClient("http://api.invalid", WithHTTPClient(hc), WithMaxRetries(0))
		if err != nil {
			b.Fatal(err)
		}
		perTask(b, page, func() (int, error) {
			pg, err := c.ListSubsetTasks(ctx, "bench", nil)
			if err != nil {
				return 0, err
			}
			return len(pg.Items), nil
		})
	})
	b.Run("stdlib", func(b *testing.B) {
		perTask(b, page, func() (int, error) {
			env, err := handWritten(ctx, hc, "http://api.invalid/agent-api/new/user/bench/subset_task")
			if err != nil {
				return 0, err
			}
			return len(env.Data), nil
		})
	})
}

// pageServer serves a list of pages*perPage tasks of the seed's shape, like
// the endpoint, after an added latency. Pages are made from one template
// whose UUIDs are rewritten per page, so the server costs little CPU and
// holds one page in memory whatever the list's length.
type pageServer struct {
	*httptest.Server
	pages, perPage int
	latency        time.Duration
	tmpl           []byte // the tasks of one page, without brackets
	marks          []int  // offsets of the page-number digits in tmpl
	pool           sync.Pool
}

func newPageServer(tb testing.TB, pages, perPage int, latency time.Duration) *pageServer {
	tb.Helper()
	s := &pageServer{pages: pages, perPage: perPage, latency: latency}
	full := benchPage(perPage)
	start := bytes.IndexByte(full, '[')
	tmpl := full[start+1 : len(full)-2]
	// benchPage's UUIDs end in 12 hex digits of the task's index: mark the
	// first 8 of them to carry the page number.
	const prefix = "dc7dd781-6d8a-42b1-9402-"
	for off := 0; ; {
		i := bytes.Index(tmpl[off:], []byte(prefix))
		if i < 0 {
			break
		}
		s.marks = append(s.marks, off+i+len(prefix))
		off += i + len(prefix)
	}
	s.tmpl = tmpl
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

func (s *pageServer) serve(w http.ResponseWriter, r *http.Request) {
	if s.latency > 0 {
		select {
		case <-time.After(s.latency):
		case <-r.Context().Done():
			return
		}
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	buf, _ := s.pool.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer s.pool.Put(buf)
	buf.Reset()
	total := s.pages * s.perPage
	fmt.Fprintf(buf, `{"code":200,"status":"success","message":"返回所有子账号的任务列表信息成功","meta":{"has_pages":%t,"total":%d,"last_page":%d,"current_page":%d,"per_page":"%d"},"data":[`,
		s.pages > 1, total, s.pages, page, s.perPage)
	if page <= s.pages {
		at := buf.Len()
		buf.Write(s.tmpl)
		out := buf.Bytes()[at:]
		digits := fmt.Sprintf("%08x", page)
		for _, m := range s.marks {
			copy(out[m:m+8], digits)
		}
	}
	buf.WriteString("]}")
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

// handWrittenWalk is the loop a user writes: page after page until
// current_page reaches last_page.
func handWrittenWalk(ctx context.Context, hc *http.Client, base string, perPage int) (int, error) {
	n := 0
	for page := 1; ; page++ {
		env, err := handWritten(ctx, hc, base+"/agent-api/new/user/bench/subset_task?page="+strconv.Itoa(page)+"&per_page="+strconv.Itoa(perPage))
		if err != nil {
			return n, err
		}
		n += len(env.Data)
		if len(env.Data) == 0 || env.Meta.CurrentPage >= env.Meta.LastPage {
			return n, nil
		}
	}
}

// BenchmarkIterateHeap walks 100,000 tasks (1,000 pages of 100) over
// loopback at concurrency 8 and reports the live heap's growth, so that the
// figure stands in the same run as the others. TestIterateHeap checks it.
func BenchmarkIterateHeap(b *testing.B) {
	const pages, perPage = 1000, 100
	srv := newPageServer(b, pages, perPage, 0)
	c, err := NewClient(srv.URL)
	if err != nil {
		b.Fatal(err)
	}
	defer c.CloseIdleConnections()
	var worst int64
	for i := 0; i < b.N; i++ {
		growth, n, err := walkHeap(c, perPage)
		if err != nil || n != pages*perPage {
			b.Fatalf("walked %d tasks: %v", n, err)
		}
		worst = max(worst, growth)
	}
	b.ReportMetric(float64(worst)/(1<<20), "heap-MiB")
}

// walkHeap walks every task of the page server with c at concurrency 8,
// sampling the live heap every 10,000 tasks.
func walkHeap(c *Client, perPage int) (int64, int, error) {
	return heapGrowth(func(sample func()) (int, error) {
		n := 0
		for task, err := range c.SubsetTasks("bench", &ListSubsetTasksOptions{PerPage: perPage}, WithConcurrency(8)).All(context.Background()) {
			if err != nil {
				return n, err
			}
			if !strings.HasPrefix(task.UUID, "dc7dd781-") {
				return n, fmt.Errorf("task %d: uuid %q", n, task.UUID)
			}
			if n++; n%10000 == 0 {
				sample()
			}
		}
		return n, nil
	})
}

// TestIterateHeap walks 100,000 tasks (1,000 pages of 100, about 250 MiB of
// JSON) over loopback with 8 pages in flight and checks that the heap stays
// flat: only the pages in flight and the set of seen UUIDs may stay.
func TestIterateHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 100,000 tasks")
	}
	const pages, perPage = 1000, 100
	srv := newPageServer(t, pages, perPage, 0)
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	growth, n, err := walkHeap(c, perPage)
	if err != nil {
		t.Fatal(err)
	}
	if n != pages*perPage {
		t.Fatalf("walked %d tasks, want %d", n, pages*perPage)
	}
	t.Logf("heap growth over %d tasks: %.1f MiB", n, float64(growth)/(1<<20))
	if growth >= 64<<20 {
		t.Errorf("heap grew by %.1f MiB, want < 64 MiB", float64(growth)/(1<<20))
	}
}
