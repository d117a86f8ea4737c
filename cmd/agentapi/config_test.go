package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/f703e656/agentapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envOf returns a getenv over vars.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// parseListConfig parses args as the command table does for "tasks list"
// and validates them against getenv and stdin.
func parseListConfig(args []string, getenv func(string) string, stdin io.Reader) (listConfig, error) {
	fs := newFlags("tasks list")
	l := addListFlags(fs)
	pos, err := fs.parse(args)
	if err != nil {
		return listConfig{}, &usageError{err: fmt.Errorf("agentapi: tasks list: %w", err), cmd: "tasks list"}
	}
	if len(pos) > 0 {
		return listConfig{}, usagef("tasks list", "unexpected argument %q", pos[0])
	}
	return l.resolve(&cmdIO{stdin: stdin, getenv: getenv})
}

func TestParseListConfig(t *testing.T) {
	env := envOf(map[string]string{"AGENTAPI_BASE_URL": "https://api.example.com", "AGENTAPI_TOKEN": " tok-env \n"})
	c, err := parseListConfig([]string{
		"--user", "42", "--sub-user", "7", "--name", "回访", "--page", "3", "--per-page", "50", "--all",
		"--concurrency", "4", "--max", "9", "--status", "dialing, Waiting", "--format", "jsonl", "--timeout", "90s", "--retries", "0",
	}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, listConfig{
		subUser: "7", name: "回访", page: 3, perPage: 50, all: true, concurrency: 4, max: 9,
		statuses: map[agentapi.TaskStatus]bool{agentapi.StatusDialing: true, agentapi.StatusWaiting: true},
		out:      outputConfig{format: "jsonl"},
		api: apiConfig{
			user: "42", timeout: 90 * time.Second, retries: 0, baseURL: "https://api.example.com", token: "tok-env",
		},
	}, c)

	c, err = parseListConfig([]string{"--user", "1", "--base-url", "http://flag.example"}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, "http://flag.example", c.api.baseURL, "--base-url overrides the environment")
	assert.Equal(t, formatTable, c.out.format)
	assert.Equal(t, 1, c.concurrency)
	assert.Equal(t, 3, c.api.retries)
	assert.Nil(t, c.statuses)

	c, err = parseListConfig([]string{"--demo"}, envOf(map[string]string{"AGENTAPI_USER": "77"}), nil)
	require.NoError(t, err)
	assert.Equal(t, demoUser, c.api.user, "the demo's user, not the environment's")
	assert.Empty(t, c.api.token, "the demo sends no token of the environment")
	assert.Empty(t, c.api.baseURL)
}

func TestParseListConfigUserFromEnvironment(t *testing.T) {
	env := envOf(map[string]string{"AGENTAPI_BASE_URL": "https://api.example.com", "AGENTAPI_USER": "314"})
	c, err := parseListConfig(nil, env, nil)
	require.NoError(t, err)
	assert.Equal(t, "314", c.api.user)
	c, err = parseListConfig([]string{"--user", "9"}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, "9", c.api.user, "--user overrides AGENTAPI_USER")
}

func TestParseListConfigHeaders(t *testing.T) {
	env := envOf(map[string]string{"AGENTAPI_BASE_URL": "https://api.example.com"})
	c, err := parseListConfig([]string{"--user", "1", "--header", "X-Api-Key: k1:with-colon", "--header", "X-Tenant:acme"}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, [][2]string{{"X-Api-Key", "k1:with-colon"}, {"X-Tenant", "acme"}}, c.api.headers)
	assert.Equal(t, []string{"", "k1:with-colon", "acme"}, c.api.secrets())
}

func TestParseListConfigTokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(path, []byte("  file-token\n"), 0o600))
	env := envOf(map[string]string{"AGENTAPI_BASE_URL": "https://api.example.com", "AGENTAPI_TOKEN": "env-token"})

	c, err := parseListConfig([]string{"--user", "1", "--token-file", path}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, "file-token", c.api.token, "the file overrides the environment, trimmed")

	c, err = parseListConfig([]string{"--user", "1", "--token-file", "-"}, env, strings.NewReader("stdin-token\n"))
	require.NoError(t, err)
	assert.Equal(t, "stdin-token", c.api.token)
}

func TestParseListConfigUsageErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.WriteFile(empty, []byte(" \n"), 0o600))
	env := envOf(map[string]string{"AGENTAPI_BASE_URL": "https://api.example.com"})
	cases := []struct {
		name string
		args []string
		env  func(string) string
		want string
	}{
		{"unknown flag", []string{"--user", "1", "--bogus"}, env, "unknown flag --bogus"},
		{"bad int", []string{"--user", "1", "--page", "two"}, env, `--page "two": want a whole number`},
		{"bad duration", []string{"--user", "1", "--timeout", "soon"}, env, `--timeout "soon": want a duration such as 30s`},
		{"duration without unit", []string{"--user", "1", "--timeout", "1"}, env, `--timeout "1": want a duration such as 30s or 2m`},
		{"bad bool", []string{"--user", "1", "--all=maybe"}, env, `--all "maybe": want true or false`},
		{"flag without value", []string{"--user", "1", "--max"}, env, "--max needs a value: a whole number"},
		{"concurrency without all", []string{"--user", "1", "--concurrency", "4"}, env, "--concurrency needs --all"},
		{"header without colon", []string{"--user", "1", "--header", "X-Key"}, env, "--header: want NAME:VALUE"},
		{"authorization header", []string{"--user", "1", "--header", "authorization: Bearer x"}, env, "token's header"},
		{"bad header name", []string{"--user", "1", "--header", "X Key:v"}, env, "header name"},
		{"csv-raw without csv", []string{"--user", "1", "--csv-raw"}, env, "--csv-raw applies to --format csv only"},
		{"negative page", []string{"--user", "1", "--page", "-1"}, env, "--page -1 is negative"},
		{"negative per-page", []string{"--user", "1", "--per-page", "-5"}, env, "--per-page"},
		{"zero concurrency", []string{"--user", "1", "--concurrency", "0"}, env, "--concurrency"},
		{"negative max", []string{"--user", "1", "--max", "-1"}, env, "--max"},
		{"negative retries", []string{"--user", "1", "--retries", "-1"}, env, "--retries"},
		{"negative timeout", []string{"--user", "1", "--timeout", "-1s"}, env, "--timeout"},
		{"bad format", []string{"--user", "1", "--format", "xml"}, env, `--format "xml": want table, json, jsonl or csv`},
		{"unknown status", []string{"--user", "1", "--status", "dialing,running"}, env, `--status: unknown word "running"`},
		{"empty status", []string{"--user", "1", "--status", " , "}, env, "--status is empty"},
		{"no user", []string{}, env, "--user is required: set it or AGENTAPI_USER"},
		{"no base url", []string{"--user", "1"}, envOf(nil), "no base URL"},
		{"demo with base url", []string{"--demo", "--base-url", "http://x"}, env, "drop --base-url"},
		{"extra argument", []string{"--user", "1", "extra"}, env, `unexpected argument "extra"`},
		{"missing token file", []string{"--user", "1", "--token-file", filepath.Join(dir, "nope")}, env, "reading --token-file"},
		{"empty token file", []string{"--user", "1", "--token-file", empty}, env, "is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseListConfig(c.args, c.env, nil)
			if err == nil { // refused by NewClient, as WithHeader's rules say
				var cfg listConfig
				cfg, err = parseListConfig(c.args, c.env, nil)
				require.NoError(t, err)
				_, _, _, err = cfg.api.connect(context.Background(), "tasks list", nil)
			}
			var ue *usageError
			require.ErrorAs(t, err, &ue)
			assert.Contains(t, err.Error(), c.want)
			assert.True(t, strings.HasPrefix(err.Error(), "agentapi: "), err.Error())
			assert.Equal(t, "tasks list", ue.cmd)
		})
	}
}

func TestParseListConfigHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help"} {
		_, err := parseListConfig([]string{arg}, envOf(nil), nil)
		assert.ErrorIs(t, err, flag.ErrHelp)
	}
}

// TestUsageNamesEveryFlag keeps the hand-written usage texts in step with
// the flags the commands of the table define.
func TestUsageNamesEveryFlag(t *testing.T) {
	for _, c := range commands() {
		fs := newFlags(c.name)
		c.setup(fs)
		fs.fs.VisitAll(func(f *flag.Flag) {
			assert.Contains(t, c.usage, "--"+f.Name+" ", "flag --%s of %s", f.Name, c.name)
		})
	}
	for _, v := range []string{"AGENTAPI_BASE_URL", "AGENTAPI_TOKEN", "AGENTAPI_USER"} {
		assert.Contains(t, listUsage, v)
	}
}

func TestParseRate(t *testing.T) {
	cases := []struct {
		in   string
		want rateLimit
		ok   bool
	}{
		{"60/1m", rateLimit{60, time.Minute}, true},
		{"20/15s", rateLimit{20, 15 * time.Second}, true},
		{"60/m", rateLimit{60, time.Minute}, true},
		{" 2/s ", rateLimit{2, time.Second}, true},
		{"60", rateLimit{}, false},
		{"0/1m", rateLimit{}, false},
		{"-1/1m", rateLimit{}, false},
		{"x/1m", rateLimit{}, false},
		{"60/0s", rateLimit{}, false},
		{"60/soon", rateLimit{}, false},
	}
	for _, c := range cases {
		got, err := parseRate(c.in)
		if !c.ok {
			assert.Error(t, err, c.in)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}
