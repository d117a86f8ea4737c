package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/f703e656/agentapi"
)

// defaultRetries is the SDK's own default, repeated for the usage text.
const defaultRetries = 3

// apiFlags are the flags of every command that calls the API: who, where,
// with which token and headers, within which bounds.
type apiFlags struct {
	fs        *flagSet
	user      string
	baseURL   string
	tokenFile string
	headers   []string // NAME:VALUE, as given
	timeout   time.Duration
	retries   int
	demo      bool
}

// apiConfig is the validated connection of a command. It holds the token
// and header values, which no output may show.
type apiConfig struct {
	user    string
	baseURL string        // "" with demo
	token   string        // never printed
	headers [][2]string   // name, value; values never printed
	timeout time.Duration // 0 = none
	retries int
	demo    bool
}

// addAPIFlags defines the connection flags on fs.
func addAPIFlags(fs *flagSet) *apiFlags {
	a := &apiFlags{fs: fs}
	fs.String(&a.user, "user", "")
	fs.String(&a.baseURL, "base-url", "")
	fs.String(&a.tokenFile, "token-file", "")
	fs.List(&a.headers, "header", "NAME:VALUE, such as X-Api-Key:abc", checkHeader, true)
	fs.Duration(&a.timeout, "timeout", 0)
	fs.Int(&a.retries, "retries", defaultRetries)
	fs.Bool(&a.demo, "demo")
	return a
}

// resolve validates the flags against the environment (AGENTAPI_BASE_URL,
// AGENTAPI_TOKEN, AGENTAPI_USER) and reads --token-file. Every refusal is a
// usageError of cmd that never holds the token.
func (a *apiFlags) resolve(cmd string, cio *cmdIO) (apiConfig, error) {
	c := apiConfig{user: a.user, timeout: a.timeout, retries: a.retries, demo: a.demo}
	switch {
	case a.retries < 0:
		return c, usagef(cmd, "%s: --retries %d is negative", cmd, a.retries)
	case a.timeout < 0:
		return c, usagef(cmd, "%s: --timeout %s is negative", cmd, a.timeout)
	}
	for _, h := range a.headers {
		name, value, _ := strings.Cut(h, ":")
		c.headers = append(c.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
	if c.demo {
		if a.fs.isSet("base-url") {
			return c, usagef(cmd, "%s: --demo lists from its own fake server: drop --base-url", cmd)
		}
		if c.user == "" {
			c.user = demoUser // the environment's user, server and token are not the demo's
		}
		return c, nil
	}
	if c.user == "" {
		c.user = cio.getenv("AGENTAPI_USER")
	}
	if c.user == "" {
		return c, usagef(cmd, "%s: --user is required: set it or AGENTAPI_USER (or try --demo)", cmd)
	}
	c.baseURL = a.baseURL
	if c.baseURL == "" {
		c.baseURL = cio.getenv("AGENTAPI_BASE_URL")
	}
	if c.baseURL == "" {
		return c, usagef(cmd, "%s: no base URL: set AGENTAPI_BASE_URL or --base-url (or try --demo)", cmd)
	}
	c.token = cio.getenv("AGENTAPI_TOKEN")
	if a.fs.isSet("token-file") {
		tok, err := readToken(a.tokenFile, cio.stdin)
		if err != nil {
			return c, &usageError{err: fmt.Errorf("agentapi: %s: %w", cmd, err), cmd: cmd}
		}
		c.token = tok
	}
	c.token = strings.TrimSpace(c.token)
	return c, nil
}

// checkHeader refuses a --header that is not NAME:VALUE, or that sets
// Authorization, which is the token's (AGENTAPI_TOKEN, --token-file). The
// rest of WithHeader's rules are NewClient's.
func checkHeader(h string) error {
	name, _, ok := strings.Cut(h, ":")
	name = strings.TrimSpace(name)
	switch {
	case !ok || name == "":
		return errors.New("not NAME:VALUE")
	case strings.EqualFold(name, "Authorization"):
		return reason("Authorization is the token's header: set AGENTAPI_TOKEN or --token-file")
	}
	return nil
}

// secrets returns the values no output may show: the token and the
// header values.
func (c apiConfig) secrets() []string {
	s := []string{c.token}
	for _, h := range c.headers {
		s = append(s, h[1])
	}
	return s
}

// connect returns a client for c, on the built-in fake for --demo, and
// the function that releases both. ctx is bounded by --timeout when set.
// The client's waits (rate limit, Retry-After, backoff) are shown on prog,
// which may be nil.
func (c apiConfig) connect(ctx context.Context, cmd string, prog *progress) (context.Context, *agentapi.Client, func(), error) {
	cancel := func() {}
	if c.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	baseURL, closeDemo := c.baseURL, func() {}
	if c.demo {
		srv := startDemo()
		baseURL, closeDemo = srv.URL, srv.Close
	}
	opts := []agentapi.Option{
		agentapi.WithUserAgent("agentapi-cli/" + agentapi.Version),
		agentapi.WithMaxRetries(c.retries),
	}
	if prog != nil {
		opts = append(opts, agentapi.WithWaitNotify(prog.notify))
	}
	if c.token != "" {
		opts = append(opts, agentapi.WithToken(c.token))
	}
	for _, h := range c.headers {
		opts = append(opts, agentapi.WithHeader(h[0], h[1]))
	}
	client, err := agentapi.NewClient(baseURL, opts...)
	if err != nil {
		closeDemo()
		cancel()
		return ctx, nil, nil, &usageError{err: redact(commandPrefix(cmd, err), c.secrets()...), cmd: cmd}
	}
	return ctx, client, func() { client.CloseIdleConnections(); closeDemo(); cancel() }, nil
}

// failure returns err, the failure of a call under ctx, as the command
// reports it: a refused argument is a usage error prefixed with cmd, a
// timeout says so, a refusal the tool can explain gets a hint line, and no
// secret appears, even when a server echoes one back.
func (c apiConfig) failure(ctx context.Context, cmd string, err error) error {
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return err
	case errors.Is(err, agentapi.ErrInvalidArgument):
		return &usageError{err: redact(commandPrefix(cmd, err), c.secrets()...), cmd: cmd}
	case errors.Is(err, agentapi.ErrTaskRunning):
		err = fmt.Errorf("%w\nagentapi: hint: the task is running: pause it first (agentapi tasks pause TASK_ID)", err)
	case errors.Is(err, agentapi.ErrUnauthorized) && c.token == "":
		err = fmt.Errorf("%w\nagentapi: hint: no token was sent: set AGENTAPI_TOKEN or --token-file", err)
	case errors.Is(err, agentapi.ErrValidation):
		err = fieldErrors(err)
	case errors.Is(ctx.Err(), context.DeadlineExceeded) && c.timeout > 0:
		err = fmt.Errorf("agentapi: --timeout %s reached: %w", c.timeout, err)
	case errors.Is(ctx.Err(), context.Canceled):
		err = fmt.Errorf("agentapi: interrupted: %w", err)
	}
	return redact(err, c.secrets()...)
}

// commandPrefix returns err, an SDK error ("agentapi: task id ..."), with
// cmd after its "agentapi: " as the tool's own errors have it ("agentapi:
// tasks get: task id ..."), keeping what it wraps for errors.Is.
func commandPrefix(cmd string, err error) error {
	msg, ok := strings.CutPrefix(err.Error(), "agentapi: ")
	if !ok || strings.HasPrefix(msg, cmd+": ") {
		return err
	}
	return &redacted{msg: "agentapi: " + cmd + ": " + msg, err: err}
}

// fieldErrors returns err, a validation failure (HTTP 422), with its field
// errors on the lines after it, fields sorted: "  name: The name field is
// required.".
func fieldErrors(err error) error {
	var ae *agentapi.APIError
	if !errors.As(err, &ae) || len(ae.Errors) == 0 {
		return err
	}
	fields := make([]string, 0, len(ae.Errors))
	for f := range ae.Errors {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	var b strings.Builder
	for _, f := range fields {
		for _, msg := range ae.Errors[f] {
			fmt.Fprintf(&b, "\n  %s: %s", f, msg)
		}
	}
	return fmt.Errorf("%w%s", err, b.String())
}

// redact returns err with every occurrence of each secret in its message
// replaced, keeping what it wraps for errors.Is; err itself when the
// message holds none. Values shorter than minSecret are left: replacing
// every "v" would garble the message and hide nothing.
func redact(err error, secrets ...string) error {
	msg := err.Error()
	for _, s := range secrets {
		if len(s) >= minSecret {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	if msg == err.Error() {
		return err
	}
	return &redacted{msg: msg, err: err}
}

// minSecret is the length from which a value is redacted.
const minSecret = 4

// redacted is an error whose message was rewritten (secrets replaced, the
// command added); errors.Is and errors.As still see the original.
type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

// readToken returns the trimmed content of the file at path, or of stdin
// for "-". Its errors name the path, never the content.
func readToken(path string, stdin io.Reader) (string, error) {
	var b []byte
	var err error
	switch {
	case path == "-" && stdin == nil:
		err = errors.New("no standard input")
	case path == "-":
		b, err = io.ReadAll(io.LimitReader(stdin, 64<<10))
	default:
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("reading --token-file: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("--token-file %s is empty", path)
	}
	return tok, nil
}
