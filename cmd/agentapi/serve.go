package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveConfig is the validated configuration of "fake serve".
type serveConfig struct {
	addr    string
	user    string
	tasks   int
	token   string // the token the fake requires; never printed
	latency time.Duration
	rate    rateLimit // zero: no throttle
}

// rateLimit is a throttle of n requests per window, as --rate-limit 60/1m
// gives it.
type rateLimit struct {
	n   int
	per time.Duration
}

// parseRate reads "N/DURATION" ("60/1m", "20/15s"); a unit alone stands
// for one of it ("60/m", "2/s").
func parseRate(s string) (rateLimit, error) {
	ns, ds, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return rateLimit{}, errors.New("no /")
	}
	n, err := strconv.Atoi(ns)
	if err != nil || n < 1 {
		return rateLimit{}, errors.New("bad count")
	}
	if ds != "" && (ds[0] < '0' || ds[0] > '9') {
		ds = "1" + ds
	}
	per, err := time.ParseDuration(ds)
	if err != nil || per <= 0 {
		return rateLimit{}, errors.New("bad window")
	}
	return rateLimit{n: n, per: per}, nil
}

// setupServe is the command table's entry for "fake serve".
func setupServe(fs *flagSet) action {
	var c serveConfig
	fs.String(&c.addr, "addr", "127.0.0.1:8080")
	fs.String(&c.user, "user", demoUser)
	fs.Int(&c.tasks, "tasks", demoTasks)
	fs.String(&c.token, "token", "")
	fs.Duration(&c.latency, "latency", 0)
	fs.Func("rate-limit", "N/DURATION, such as 60/1m", func(s string) error {
		r, err := parseRate(s)
		c.rate = r
		return err
	})
	return func(ctx context.Context, cio *cmdIO, _ []string) error {
		const cmd = "fake serve"
		switch {
		case c.tasks < 0:
			return usagef(cmd, "%s: --tasks %d is negative", cmd, c.tasks)
		case c.latency < 0:
			return usagef(cmd, "%s: --latency %s is negative", cmd, c.latency)
		case c.user == "":
			return usagef(cmd, "%s: --user is empty", cmd)
		}
		return serveFake(ctx, c, cio.stdout)
	}
}

// serveFake serves the fake on c.addr until ctx is done. It listens first
// and only then prints the address, so that a script that reads the line
// can connect at once.
func serveFake(ctx context.Context, c serveConfig, stdout io.Writer) error {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("agentapi: fake serve: %w", err)
	}
	fake, err := fakeHandler(c)
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: fake, ReadHeaderTimeout: 10 * time.Second}
	if _, err := fmt.Fprintf(stdout, "listening on http://%s\n", dialAddr(ln.Addr())); err != nil {
		ln.Close()
		return err
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("agentapi: fake serve: %w", err)
	case <-ctx.Done():
	}
	// Wake the handlers waiting out --latency, which Shutdown would wait for.
	fake.Close()
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		srv.Close()
	}
	<-done // Serve returns ErrServerClosed once Shutdown starts
	return nil
}

// dialAddr returns the host:port that a client can dial to reach the
// listener at a: an unspecified IP (":8080", "0.0.0.0") reads as loopback.
func dialAddr(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok || !ta.IP.IsUnspecified() {
		return a.String()
	}
	// Go listens dual-stack on an unspecified address, so IPv4 loopback
	// reaches it.
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(ta.Port))
}
