package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noTokenHint is the line a 401 adds when no token was configured.
const noTokenHint = "agentapi: hint: no token was sent: set AGENTAPI_TOKEN or --token-file"

func TestRunUnauthorizedWithoutTokenHints(t *testing.T) {
	var auths []string
	refuse := func(status int) string {
		return newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			auths = append(auths, r.Header.Get("Authorization"))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write([]byte(`{"message":"Unauthenticated."}`))
		}).URL
	}
	tokenFile := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte(secretToken+"\n"), 0o600))
	list := []string{"tasks", "list", "--user", "42", "--retries", "0"}
	get := []string{"tasks", "get", "t1", "--user", "42", "--retries", "0"}
	cases := []struct {
		name   string
		status int
		token  string // AGENTAPI_TOKEN
		args   []string
		sent   bool // a token is sent
		hint   bool
	}{
		{"401 without a token", http.StatusUnauthorized, "", list, false, true},
		{"401 of a one-call command without a token", http.StatusUnauthorized, "", get, false, true},
		{"401 of a walk without a token", http.StatusUnauthorized, "", append(list, "--all"), false, true},
		{"401 with AGENTAPI_TOKEN", http.StatusUnauthorized, secretToken, list, true, false},
		{"401 with --token-file", http.StatusUnauthorized, "", append(list, "--token-file", tokenFile), true, false},
		{"403 without a token", http.StatusForbidden, "", list, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			auths = nil
			env := map[string]string{"AGENTAPI_BASE_URL": refuse(c.status), "AGENTAPI_TOKEN": c.token}
			r := runCLI(t, env, c.args...)
			assert.Equal(t, exitAuth, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			require.NotEmpty(t, auths)
			assert.Equal(t, c.sent, auths[0] == "Bearer "+secretToken, auths[0])
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if !c.hint {
				assert.Len(t, lines, 1, r.stderr)
				assert.NotContains(t, r.stderr, "hint")
				return
			}
			require.Len(t, lines, 2, r.stderr)
			assert.Contains(t, lines[0], "401")
			assert.Equal(t, noTokenHint, lines[1])
		})
	}
}

func TestRunInvalidArgumentNamesTheCommand(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
		cmd   string
		want  string // what follows "agentapi: CMD: "
	}{
		{"get", "", []string{"tasks", "get", "bad/id"}, "tasks get", `task id "bad/id": only A-Z`},
		{"pause", "", []string{"tasks", "pause", "a b"}, "tasks pause", `task id "a b"`},
		{"update", taskJSON("x"), []string{"tasks", "update", "../x"}, "tasks update", `task id "../x"`},
		{"a header NewClient refuses", "", []string{"tasks", "list", "--header", "X-A:b\x01c"}, "tasks list", "header X-A"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runWith(t, nil, c.stdin, false, append(c.args, "--demo")...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "agentapi: "+c.cmd+": "+c.want), r.stderr)
			assert.Equal(t, 1, strings.Count(r.stderr, "agentapi:"), "the prefix once: %s", r.stderr)
			assert.Contains(t, r.stderr, "invalid argument")
			assert.True(t, strings.HasSuffix(r.stderr, "(see 'agentapi "+c.cmd+" --help')\n"), r.stderr)
		})
	}
}
