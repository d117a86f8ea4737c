package agentapitest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"
)

// Fake is the fake API: its state (accounts and their tasks, queued faults,
// counters) and the http.Handler that serves it. It is safe for concurrent
// use. Serve it with NewServer, or with any http.Server:
//
//	f := agentapitest.NewFake(agentapitest.WithTasks("demo", 500))
//	log.Fatal(http.ListenAndServe("127.0.0.1:8080", f))
type Fake struct {
	token      string
	latency    time.Duration
	phpEscapes bool
	done       chan struct{} // closed by Close: wakes handlers sleeping on latency
	closeOnce  sync.Once

	mu       sync.RWMutex // guards accounts
	accounts map[string]*account

	faultMu sync.Mutex
	faults  []Fault

	lastMu sync.Mutex // guards last and log
	last   RequestInfo
	log    []RequestInfo // the latest requests, secrets redacted; at most maxLog

	limit *rateLimiter // WithRateLimit; nil: no throttle

	downMu    sync.Mutex
	down      bool
	downRetry string // Retry-After while down; "" for none

	aimMu      sync.Mutex
	pageFaults map[int][]Fault   // by page number, each request for the page takes one
	reqFaults  map[int64][]Fault // by request number

	requests    atomic.Int64
	ids         atomic.Int64 // X-Request-Id numbers; never reset
	inFlight    atomic.Int64
	maxInFlight atomic.Int64
	bufs        sync.Pool // *[]byte page buffers
}

// Option configures a Fake; pass options to NewFake or NewServer.
type Option func(*Fake)

// WithTasks gives the user userID n generated tasks (NewFake says what they
// hold), in addition to any it already has. A negative n adds none.
func WithTasks(userID string, n int) Option {
	return func(f *Fake) { f.addTasks(userID, n) }
}

// WithToken makes the fake require "Authorization: Bearer tok" on every
// request. Without it, a request gets Laravel's answer: HTTP 401
// {"message":"Unauthenticated."} when it accepts JSON, otherwise the HTTP
// 500 page an API-only Laravel app answers (its guest redirect names a
// login route it lacks). The token may also come as the api_token query
// parameter, as Laravel's token guard reads it. Every route requires it.
// An empty tok requires nothing (the default).
func WithToken(tok string) Option {
	return func(f *Fake) { f.token = tok }
}

// WithLatency delays every response by d. The wait ends early, without a
// response, when the request's context is cancelled (the client gave up) or
// the Server is closed. A negative d is no latency.
func WithLatency(d time.Duration) Option {
	return func(f *Fake) { f.latency = max(d, 0) }
}

// WithFaults queues faults for the first requests: the first request gets
// faults[0], the second faults[1], and so on; then service is normal.
func WithFaults(faults ...Fault) Option {
	return func(f *Fake) { f.faults = append(f.faults, faults...) }
}

// WithPHPEscaping makes task pages written as PHP's json_encode writes them
// by default: every non-ASCII character as \uXXXX (the Chinese names become
// "\u5916\u547c...") and "/" as "\/". Without it (the default) pages are
// plain UTF-8, as with JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES.
func WithPHPEscaping() Option {
	return func(f *Fake) { f.phpEscapes = true }
}

// NewFake returns a fake configured by opts.
//
// # Tasks
//
// Task number i (0 for the user's first, counting every task ever added to
// that user, deleted or not) is derived from the user id and i alone, so two
// fakes built alike serve identical bytes. The list is newest first: the
// task added last comes first. Task i has:
//   - uuid: a version-4 UUID hashed from the user id and i;
//   - name: "外呼任务-%04d " and one of 回访, 催收提醒, 满意度调查, 新品推广,
//     会员关怀, 续费通知, 活动邀约 by i%7 (i+1 is the number);
//   - user_id: i%4 == 0 the user itself, otherwise sub-account i%4 of
//     SubAccounts(userID) (i%4 == 1 is the first);
//   - status by i%10: 0-2 dialing (enable true, new_task_extra.call_status
//     true), 3-5 paused (false, false), 6-7 waiting (true, false), 8
//     abnormal (enable true, new_task_extra sent as null when i/10 is
//     even, as PHP's empty array [] when odd: the real server sends
//     either), 9 undefined by the vendor (enable false, call_status true). Ten consecutive tasks hold
//     3 dialing, 3 paused, 2 waiting, 1 abnormal, 1 undefined.
func NewFake(opts ...Option) *Fake {
	f := &Fake{done: make(chan struct{}), accounts: make(map[string]*account)}
	for _, o := range opts {
		if o != nil {
			o(f)
		}
	}
	return f
}

// Server is a Fake served by an httptest server on 127.0.0.1. The Fake's
// methods (Requests, InjectFaults, AddTasks, ...) are promoted to it, and
// its Fake field is the http.Handler, to mount elsewhere if need be.
type Server struct {
	*Fake
	// URL is the server's base URL, "http://127.0.0.1:PORT", without a
	// trailing slash: the SDK's base URL.
	URL string
	srv *httptest.Server
}

// NewServer starts a Fake configured by opts on a loopback httptest server.
// Call Close when done.
func NewServer(opts ...Option) *Server {
	f := NewFake(opts...)
	ts := httptest.NewServer(f)
	return &Server{Fake: f, URL: ts.URL, srv: ts}
}

// Client returns an *http.Client whose idle connections Close releases.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close stops the server: handlers waiting out a latency return at once,
// the listener and every idle connection are closed (those of
// http.DefaultTransport and of Client too), and Close returns once every
// handler has. It leaves no goroutine behind.
func (s *Server) Close() {
	s.Fake.Close()
	s.srv.Close()
}

// Close makes every handler waiting out the latency (WithLatency) drop its
// connection at once, and so every later request that has latency to wait.
// Call it before http.Server.Shutdown, which waits for handlers to return,
// when serving a Fake yourself; Server.Close calls it. Calling it again does
// nothing.
func (f *Fake) Close() {
	f.closeOnce.Do(func() { close(f.done) })
}

// InjectFaults queues faults for the next requests, after any still queued.
func (f *Fake) InjectFaults(faults ...Fault) {
	f.faultMu.Lock()
	f.faults = append(f.faults, faults...)
	f.faultMu.Unlock()
}

// PendingFaults returns the number of queued faults no request has got yet.
func (f *Fake) PendingFaults() int {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	return len(f.faults)
}

// nextFault pops the next queued fault, if any; the zero Fault is none.
func (f *Fake) nextFault() (Fault, bool) {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	if len(f.faults) == 0 {
		return Fault{}, false
	}
	ft := f.faults[0]
	f.faults[0] = Fault{}
	f.faults = f.faults[1:]
	return ft, true
}

// Requests returns the number of requests the fake has received since it
// started or since ResetStats, whatever their path and outcome (a request
// that got a fault counts).
func (f *Fake) Requests() int { return int(f.requests.Load()) }

// MaxInFlight returns the highest number of requests being handled at once
// since the fake started or since ResetStats.
func (f *Fake) MaxInFlight() int { return int(f.maxInFlight.Load()) }

// InFlight returns the number of requests being handled now. A request
// counts until its handler returns, which can be just after its client has
// read the whole response.
func (f *Fake) InFlight() int { return int(f.inFlight.Load()) }

// ResetStats sets Requests to 0 and MaxInFlight to the number of requests
// in flight now.
func (f *Fake) ResetStats() {
	f.requests.Store(0)
	f.maxInFlight.Store(f.inFlight.Load())
}

// enter counts a request in flight, raises the high-water mark, and
// returns the request's number (1 for the first since the start or
// ResetStats).
func (f *Fake) enter() int64 {
	num := f.requests.Add(1)
	n := f.inFlight.Add(1)
	for {
		m := f.maxInFlight.Load()
		if n <= m || f.maxInFlight.CompareAndSwap(m, n) {
			return num
		}
	}
}

// leave ends what enter began.
func (f *Fake) leave() { f.inFlight.Add(-1) }

// wait sleeps the configured latency, and reports false when the request's
// context ended or the server closed first.
func (f *Fake) wait(ctx context.Context) bool {
	if f.latency <= 0 {
		return true
	}
	t := time.NewTimer(f.latency)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-f.done:
	}
	return false
}
