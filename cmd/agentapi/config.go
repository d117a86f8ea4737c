package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/f703e656/agentapi"
)

// demoUser and demoTasks are what --demo lists: enough tasks for several
// pages at the server's default of 15 a page.
const (
	demoUser  = "demo"
	demoTasks = 237
)

// defaultRetries is the SDK's own default, repeated for the usage text.
const defaultRetries = 3

// listConfig is the validated configuration of "tasks list".
type listConfig struct {
	user, subUser, name string
	page, perPage       int
	all                 bool
	concurrency         int
	max                 int                          // 0 = no limit
	statuses            map[agentapi.TaskStatus]bool // nil = every status
	format              string
	timeout             time.Duration // 0 = none
	retries             int
	demo                bool
	baseURL             string
	token               string // never printed
}

// usageError is a command line the tool refuses; it exits 2 with usage on
// stderr.
type usageError struct {
	err   error
	usage string // the usage text of the command that was misused
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usageError showing usage, with a message formatted as by
// fmt.Errorf.
func usagef(usage, format string, args ...any) error {
	return &usageError{err: fmt.Errorf("agentapi: "+format, args...), usage: usage}
}

// newFlagSet returns a flag set that reports errors to its caller only:
// the caller prints the usage, to stdout for -h and to stderr for a mistake.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args into fs, turning a mistake into a usageError and
// refusing arguments left over after the flags. It returns flag.ErrHelp
// for -h and --help.
func parseFlags(fs *flag.FlagSet, args []string, usage string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err: fmt.Errorf("agentapi: %w", err), usage: usage}
	}
	if fs.NArg() > 0 {
		return usagef(usage, "unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// listFlags returns the flag set of "tasks list", storing into c and,
// for the two flags that need more reading, into status and tokenFile.
func listFlags(c *listConfig, status, tokenFile *string) *flag.FlagSet {
	fs := newFlagSet("tasks list")
	fs.StringVar(&c.user, "user", "", "")
	fs.StringVar(&c.subUser, "sub-user", "", "")
	fs.StringVar(&c.name, "name", "", "")
	fs.IntVar(&c.page, "page", 0, "")
	fs.IntVar(&c.perPage, "per-page", 0, "")
	fs.BoolVar(&c.all, "all", false, "")
	fs.IntVar(&c.concurrency, "concurrency", 1, "")
	fs.IntVar(&c.max, "max", 0, "")
	fs.StringVar(status, "status", "", "")
	fs.StringVar(&c.format, "format", formatTable, "")
	fs.DurationVar(&c.timeout, "timeout", 0, "")
	fs.IntVar(&c.retries, "retries", defaultRetries, "")
	fs.BoolVar(&c.demo, "demo", false, "")
	fs.StringVar(&c.baseURL, "base-url", "", "")
	fs.StringVar(tokenFile, "token-file", "", "")
	return fs
}

// parseListConfig reads the flags of "tasks list" and the environment
// (getenv; stdin for --token-file -). Every refusal is a usageError, and
// none of them holds the token.
func parseListConfig(args []string, getenv func(string) string, stdin io.Reader) (listConfig, error) {
	var c listConfig
	var status, tokenFile string
	fs := listFlags(&c, &status, &tokenFile)
	if err := parseFlags(fs, args, listUsage); err != nil {
		return c, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	switch {
	case c.page < 0:
		return c, usagef(listUsage, "--page %d is negative", c.page)
	case c.perPage < 0:
		return c, usagef(listUsage, "--per-page %d is negative", c.perPage)
	case c.concurrency < 1:
		return c, usagef(listUsage, "--concurrency %d is less than 1", c.concurrency)
	case c.max < 0:
		return c, usagef(listUsage, "--max %d is negative", c.max)
	case c.retries < 0:
		return c, usagef(listUsage, "--retries %d is negative", c.retries)
	case c.timeout < 0:
		return c, usagef(listUsage, "--timeout %s is negative", c.timeout)
	case newTaskWriter(c.format, io.Discard) == nil:
		return c, usagef(listUsage, "unknown --format %q (want table, json, jsonl or csv)", c.format)
	}
	if set["status"] {
		st, err := parseStatuses(status)
		if err != nil {
			return c, &usageError{err: err, usage: listUsage}
		}
		c.statuses = st
	}

	if c.demo {
		if set["base-url"] {
			return c, usagef(listUsage, "--demo lists from its own fake server: drop --base-url")
		}
		if c.user == "" {
			c.user = demoUser
		}
		return c, nil // the environment's server and token are not the demo's
	}
	if c.user == "" {
		return c, usagef(listUsage, "--user is required (or try --demo)")
	}
	if c.baseURL == "" {
		c.baseURL = getenv("AGENTAPI_BASE_URL")
	}
	if c.baseURL == "" {
		return c, usagef(listUsage, "no base URL: set AGENTAPI_BASE_URL or --base-url (or try --demo)")
	}
	c.token = getenv("AGENTAPI_TOKEN")
	if set["token-file"] {
		tok, err := readToken(tokenFile, stdin)
		if err != nil {
			return c, &usageError{err: err, usage: listUsage}
		}
		c.token = tok
	}
	c.token = strings.TrimSpace(c.token)
	return c, nil
}

// parseStatuses reads a comma-separated list of TaskStatus words.
func parseStatuses(list string) (map[agentapi.TaskStatus]bool, error) {
	set := map[agentapi.TaskStatus]bool{}
	for _, w := range strings.Split(list, ",") {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "" {
			continue
		}
		st, err := agentapi.ParseTaskStatus(w)
		if err != nil {
			return nil, fmt.Errorf("agentapi: unknown --status word %q (want some of unknown,dialing,paused,waiting,abnormal)", w)
		}
		set[st] = true
	}
	if len(set) == 0 {
		return nil, errors.New("agentapi: --status is empty (want some of unknown,dialing,paused,waiting,abnormal)")
	}
	return set, nil
}

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
		return "", fmt.Errorf("agentapi: reading --token-file: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("agentapi: --token-file %s is empty", path)
	}
	return tok, nil
}
