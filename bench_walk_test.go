package agentapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkIterate walks 40 pages of 100 tasks over loopback, without and
// with 5 ms of added latency, three ways in the same run: the hand-written
// sequential loop, the SDK's pager, and fetch-only walks that send the same
// requests with the SDK's transport and read each body into io.Discard
// without decoding it: the floor of the SDK's walk at the same concurrency.
//
// Besides ms/walk each row reports cpu-ms/walk (CPU time of the whole
// process over the timed loop, GC included: the loopback server runs in the
// same process, so its share is in every row, fetch-only included), gc/walk
// (garbage collections per walk) and B/page (bytes allocated per page,
// server included).
func BenchmarkIterate(b *testing.B) {
	const pages, perPage = 40, 100
	ctx := context.Background()
	for _, latency := range []time.Duration{0, 5 * time.Millisecond} {
		srv := newPageServer(b, pages, perPage, latency)
		run := func(name string, conc int, walk func() (int, error)) {
			b.Run(fmt.Sprintf("latency=%s/%s", latency, name), func(b *testing.B) {
				walkBench(b, pages, func() error {
					n, err := walk()
					if err == nil && n != pages*perPage {
						err = fmt.Errorf("walked %d tasks, want %d", n, pages*perPage)
					}
					return err
				})
				// The floor: ⌈pages / concurrency⌉ round trips of the latency.
				b.ReportMetric(float64(((pages+conc-1)/conc)*int(latency.Microseconds()))/1000, "floor-ms")
			})
		}
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		run("handwritten", 1, func() (int, error) { return handWrittenWalk(ctx, hc, srv.URL, perPage) })
		for _, conc := range []int{1, 4, 8} {
			c, err := NewClient(srv.URL)
			if err != nil {
				b.Fatal(err)
			}
			run(fmt.Sprintf("sdk-concurrency=%d", conc), conc, func() (int, error) {
				n := 0
				for _, err := range c.SubsetTasks("bench", &ListSubsetTasksOptions{PerPage: perPage}, WithConcurrency(conc)).All(ctx) {
					if err != nil {
						return n, err
					}
					n++
				}
				return n, nil
			})
			c.CloseIdleConnections()
		}
		for _, conc := range []int{1, 8} {
			fc := &http.Client{Transport: pooledTransport()}
			run(fmt.Sprintf("fetch-only-concurrency=%d", conc), conc, func() (int, error) {
				return fetchOnlyWalk(ctx, fc, srv.URL, pages, perPage, conc)
			})
			fc.CloseIdleConnections()
		}
		hc.CloseIdleConnections()
	}
}

// walkBench runs walk b.N times and reports, per walk, ms/walk,
// cpu-ms/walk and gc/walk, and B/page: bytes allocated over pages.
func walkBench(b *testing.B, pages int, walk func() error) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := walk(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu = processCPU() - cpu
	runtime.ReadMemStats(&after)
	n := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Microseconds())/n/1000, "ms/walk")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/n/1000, "cpu-ms/walk")
	}
	b.ReportMetric(float64(after.NumGC-before.NumGC)/n, "gc/walk")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n/float64(pages), "B/page")
}

// fetchOnlyWalk requests pages 1 to pages of the page server as the pager
// does (same path and query), conc at a time, and reads each body into
// io.Discard: the fetching of a walk without its decoding. It returns the
// tasks the pages hold, perPage each, once every body was read whole.
func fetchOnlyWalk(ctx context.Context, hc *http.Client, base string, pages, perPage, conc int) (int, error) {
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		read  atomic.Int64
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			first = err
		}
	}
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				page := int(next.Add(1))
				if page > pages {
					return
				}
				url := base + "/agent-api/new/user/bench/subset_task?page=" + strconv.Itoa(page) + "&per_page=" + strconv.Itoa(perPage)
				if err := fetchDiscard(ctx, hc, url); err != nil {
					fail(err)
					return
				}
				read.Add(int64(perPage))
			}
		}()
	}
	wg.Wait()
	return int(read.Load()), first
}

// fetchDiscard GETs url and reads its body into io.Discard.
func fetchDiscard(ctx context.Context, hc *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}
