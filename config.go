package agentapi

import (
	"log/slog"
	"net/http"
	"time"
)

// Defaults of the options.
const (
	defaultMaxRetries     = 3
	defaultWaitMin        = 500 * time.Millisecond
	defaultWaitMax        = 20 * time.Second
	defaultMaxRetryAfter  = 60 * time.Second
	defaultAttemptTimeout = 60 * time.Second
	// idleConnsPerHost keeps a connection for every page the pager may have
	// in flight: net/http's default of 2 makes parallel pages reconnect.
	idleConnsPerHost = 32
)

// Option configures a Client. NewClient reports an invalid value as an error
// wrapping ErrInvalidArgument.
type Option func(*config) error

// config is what the options set; NewClient turns it into a Client and
// drops it. Only NewClient reads it.
type config struct {
	token     string
	userAgent string
	extra     http.Header // WithHeader values
	hc        *http.Client

	retryPolicy
	rateN   int
	ratePer time.Duration

	logger *slog.Logger
	loc    *time.Location
	notify func(WaitEvent)
}

// retryPolicy is how long a call may take and how it retries: set by the
// options, then carried by the Client as it is.
type retryPolicy struct {
	maxRetries     int
	waitMin        time.Duration
	waitMax        time.Duration
	maxRetryAfter  time.Duration
	timeout        time.Duration // the whole call; 0: none
	attemptTimeout time.Duration // one attempt; 0: none
}

// newConfig returns the defaults with opts applied; nil options are skipped.
func newConfig(opts []Option) (*config, error) {
	cfg := &config{
		extra: make(http.Header),
		retryPolicy: retryPolicy{
			maxRetries:     defaultMaxRetries,
			waitMin:        defaultWaitMin,
			waitMax:        defaultWaitMax,
			maxRetryAfter:  defaultMaxRetryAfter,
			attemptTimeout: defaultAttemptTimeout,
		},
		loc: defaultZone(),
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// header returns the headers every request carries.
func (cfg *config) header() http.Header {
	h := make(http.Header, 4+len(cfg.extra))
	// Laravel answers errors as JSON only when the request accepts JSON;
	// otherwise it redirects to a login page.
	h.Set("Accept", "application/json")
	ua := "agentapi-go/" + Version
	if cfg.userAgent != "" {
		ua = cfg.userAgent + " " + ua
	}
	h.Set("User-Agent", ua)
	for name, values := range cfg.extra {
		h[name] = values
	}
	if cfg.token != "" {
		h.Set("Authorization", "Bearer "+cfg.token)
	}
	return h
}

// secrets returns the values that must never show in an error or a log: the
// token and the WithHeader values.
func (cfg *config) secrets() []string {
	var s []string
	if cfg.token != "" {
		s = append(s, cfg.token)
	}
	for _, values := range cfg.extra {
		s = append(s, values...)
	}
	return s
}
