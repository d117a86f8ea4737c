package main

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/f703e656/agentapi/agentapitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListWalkUnderThrottle(t *testing.T) {
	cases := []struct {
		name string
		tty  bool
		args []string
	}{
		{"pipe, subset_task", false, nil},
		{"terminal, subset_task", true, nil},
		{"terminal, concurrent", true, []string{"--concurrency", "4"}},
		{"terminal, server filter", true, []string{"--status", "paused,active"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// 5 requests a second, 8 pages: the walk must wait for the window.
			srv := newFake(t, agentapitest.WithTasks(lifeUser, 80), agentapitest.WithRateLimit(5, time.Second))
			args := append([]string{"tasks", "list", "--all", "--per-page", "10", "--format", "jsonl"}, c.args...)
			r := runWith(t, fakeEnv(srv), "", c.tty, args...)
			require.Equal(t, exitOK, r.code, r.stderr)
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			if c.args == nil {
				assert.Len(t, lines, 80, "every task printed")
			} else {
				assert.NotEmpty(t, lines)
			}
			if c.tty {
				assert.Regexp(t, `waiting [1-9]\d*s for the rate limit`, r.stderr)
			} else {
				assert.Empty(t, r.stderr, "off a terminal nothing is shown")
			}
		})
	}
}

func TestRetryAfterShownOnTerminal(t *testing.T) {
	var calls atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"message":"Too Many Attempts."}`))
			return
		}
		w.Write([]byte(`{"code":200,"status":"success","message":"ok","data":[]}`))
	})
	env := map[string]string{"AGENTAPI_BASE_URL": srv.URL, "AGENTAPI_USER": lifeUser}
	r := runWith(t, env, "", true, "tasks", "pause", "t1")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "waiting 1s for the rate limit")
	assert.Equal(t, "paused t1\n", r.stdout)
	assert.EqualValues(t, 2, calls.Load())
}
