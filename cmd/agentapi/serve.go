package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// serveConfig is the validated configuration of "fake serve".
type serveConfig struct {
	addr    string
	user    string
	tasks   int
	token   string // the token the fake requires; never printed
	latency time.Duration
}

// serveFlags returns the flag set of "fake serve", storing into c.
func serveFlags(c *serveConfig) *flag.FlagSet {
	fs := newFlagSet("fake serve")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "")
	fs.StringVar(&c.user, "user", demoUser, "")
	fs.IntVar(&c.tasks, "tasks", demoTasks, "")
	fs.StringVar(&c.token, "token", "", "")
	fs.DurationVar(&c.latency, "latency", 0, "")
	return fs
}

// runFake dispatches "fake SUBCOMMAND".
func runFake(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usagef(mainUsage, "fake: missing subcommand (want: fake serve)")
	}
	if args[0] != "serve" {
		return usagef(mainUsage, "fake: unknown subcommand %q (want: fake serve)", args[0])
	}
	var c serveConfig
	err := parseFlags(serveFlags(&c), args[1:], serveUsage)
	if errors.Is(err, flag.ErrHelp) {
		_, err = io.WriteString(stdout, serveUsage)
		return err
	}
	if err != nil {
		return err
	}
	switch {
	case c.tasks < 0:
		return usagef(serveUsage, "--tasks %d is negative", c.tasks)
	case c.latency < 0:
		return usagef(serveUsage, "--latency %s is negative", c.latency)
	case c.user == "":
		return usagef(serveUsage, "--user is empty")
	}
	return serveFake(ctx, c, stdout)
}

// serveFake serves the fake on c.addr until ctx is done. It listens first
// and only then prints the address, so that a script that reads the line
// can connect at once.
func serveFake(ctx context.Context, c serveConfig, stdout io.Writer) error {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("agentapi: fake serve: %w", err)
	}
	fake := fakeHandler(c)
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
