package main

import (
	"flag"
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

func TestParseListConfig(t *testing.T) {
	env := envOf(map[string]string{"AGENTAPI_BASE_URL": "https://api.example.com", "AGENTAPI_TOKEN": " tok-env \n"})
	c, err := parseListConfig([]string{
		"--user", "42", "--sub-user", "7", "--name", "回访", "--page", "3", "--per-page", "50", "--all",
		"--concurrency", "4", "--max", "9", "--status", "dialing, Waiting", "--format", "jsonl", "--timeout", "90s", "--retries", "0",
	}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, listConfig{
		user: "42", subUser: "7", name: "回访", page: 3, perPage: 50, all: true, concurrency: 4, max: 9,
		statuses: map[agentapi.TaskStatus]bool{agentapi.StatusDialing: true, agentapi.StatusWaiting: true},
		format:   "jsonl", timeout: 90 * time.Second, retries: 0, baseURL: "https://api.example.com", token: "tok-env",
	}, c)

	c, err = parseListConfig([]string{"--user", "1", "--base-url", "http://flag.example"}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, "http://flag.example", c.baseURL, "--base-url overrides the environment")
	assert.Equal(t, formatTable, c.format)
	assert.Equal(t, 1, c.concurrency)
	assert.Equal(t, 3, c.retries)
	assert.Nil(t, c.statuses)

	c, err = parseListConfig([]string{"--demo"}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, demoUser, c.user)
	assert.Empty(t, c.token, "the demo sends no token of the environment")
	assert.Empty(t, c.baseURL)
}

func TestParseListConfigTokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(path, []byte("  file-token\n"), 0o600))
	env := envOf(map[string]string{"AGENTAPI_BASE_URL": "https://api.example.com", "AGENTAPI_TOKEN": "env-token"})

	c, err := parseListConfig([]string{"--user", "1", "--token-file", path}, env, nil)
	require.NoError(t, err)
	assert.Equal(t, "file-token", c.token, "the file overrides the environment, trimmed")

	c, err = parseListConfig([]string{"--user", "1", "--token-file", "-"}, env, strings.NewReader("stdin-token\n"))
	require.NoError(t, err)
	assert.Equal(t, "stdin-token", c.token)
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
		{"unknown flag", []string{"--user", "1", "--bogus"}, env, "flag provided but not defined"},
		{"bad int", []string{"--user", "1", "--page", "two"}, env, "invalid value"},
		{"bad duration", []string{"--user", "1", "--timeout", "soon"}, env, "invalid value"},
		{"negative page", []string{"--user", "1", "--page", "-1"}, env, "--page -1 is negative"},
		{"negative per-page", []string{"--user", "1", "--per-page", "-5"}, env, "--per-page"},
		{"zero concurrency", []string{"--user", "1", "--concurrency", "0"}, env, "--concurrency"},
		{"negative max", []string{"--user", "1", "--max", "-1"}, env, "--max"},
		{"negative retries", []string{"--user", "1", "--retries", "-1"}, env, "--retries"},
		{"negative timeout", []string{"--user", "1", "--timeout", "-1s"}, env, "--timeout"},
		{"bad format", []string{"--user", "1", "--format", "xml"}, env, `unknown --format "xml"`},
		{"unknown status", []string{"--user", "1", "--status", "dialing,running"}, env, `unknown --status word "running"`},
		{"empty status", []string{"--user", "1", "--status", " , "}, env, "--status is empty"},
		{"no user", []string{}, env, "--user is required"},
		{"no base url", []string{"--user", "1"}, envOf(nil), "no base URL"},
		{"demo with base url", []string{"--demo", "--base-url", "http://x"}, env, "drop --base-url"},
		{"extra argument", []string{"--user", "1", "extra"}, env, `unexpected argument "extra"`},
		{"missing token file", []string{"--user", "1", "--token-file", filepath.Join(dir, "nope")}, env, "reading --token-file"},
		{"empty token file", []string{"--user", "1", "--token-file", empty}, env, "is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseListConfig(c.args, c.env, nil)
			var ue *usageError
			require.ErrorAs(t, err, &ue)
			assert.Contains(t, err.Error(), c.want)
			assert.True(t, strings.HasPrefix(err.Error(), "agentapi: "), err.Error())
			assert.Equal(t, listUsage, ue.usage)
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
// the flags the commands define.
func TestUsageNamesEveryFlag(t *testing.T) {
	var c listConfig
	var s1, s2 string
	var sc serveConfig
	for usage, fs := range map[string]*flag.FlagSet{listUsage: listFlags(&c, &s1, &s2), serveUsage: serveFlags(&sc)} {
		n := 0
		fs.VisitAll(func(f *flag.Flag) {
			assert.Contains(t, usage, "--"+f.Name+" ", "flag --%s of %s", f.Name, fs.Name())
			n++
		})
		assert.Positive(t, n)
	}
	for _, v := range []string{"AGENTAPI_BASE_URL", "AGENTAPI_TOKEN"} {
		assert.Contains(t, listUsage, v)
	}
}
