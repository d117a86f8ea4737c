package conformance_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildCLI builds cmd/agentapi into the test's temporary directory.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "agentapi")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/agentapi").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// runCLI runs the CLI with the token in AGENTAPI_TOKEN and returns its
// stdout, stderr and exit code.
func runCLI(t *testing.T, bin, token string, args ...string) (string, string, int) {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(c, bin, args...)
	cmd.Env = append(os.Environ(), "AGENTAPI_TOKEN="+token, "AGENTAPI_BASE_URL=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return stdout.String(), stderr.String(), code
}

func TestCLI(t *testing.T) {
	t.Parallel()
	a := startApp(t, "THROTTLE_LIMIT=100000")
	bin := buildCLI(t)

	t.Run("all pages as jsonl", func(t *testing.T) {
		out, stderr, code := runCLI(t, bin, mainToken, "tasks", "list", "--base-url", a.URL, "--user", mainUser,
			"--all", "--per-page", "40", "--concurrency", "3", "--format", "jsonl")
		require.Equal(t, 0, code, stderr)
		seen := map[string]bool{}
		sc := bufio.NewScanner(bytes.NewReader([]byte(out)))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var task struct {
				UUID       string `json:"uuid"`
				Name       string `json:"name"`
				TaskStatus string `json:"task_status"`
			}
			require.NoError(t, json.Unmarshal(sc.Bytes(), &task))
			assert.False(t, seen[task.UUID], "twice: %s", task.UUID)
			seen[task.UUID] = true
			assert.Equal(t, statusByName(t, task.Name), task.TaskStatus, task.Name)
		}
		require.NoError(t, sc.Err())
		assert.Len(t, seen, seeded)
	})
	t.Run("one page, a filter, as json", func(t *testing.T) {
		out, stderr, code := runCLI(t, bin, mainToken, "tasks", "list", "--base-url", a.URL, "--user", mainUser,
			"--name", "promo_", "--per-page", "5", "--format", "json")
		require.Equal(t, 0, code, stderr)
		var tasks []struct {
			Name string `json:"name"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &tasks))
		require.Len(t, tasks, 5)
		for _, task := range tasks {
			assert.Contains(t, task.Name, "Promo_50%", "LIKE: case-insensitive, _ any character")
		}
	})
	t.Run("a wrong token", func(t *testing.T) {
		_, stderr, code := runCLI(t, bin, "tok-XYZZY-secret", "tasks", "list", "--base-url", a.URL, "--user", mainUser, "--retries", "0")
		assert.Equal(t, 4, code, "exit 4: authentication or permission")
		assert.Contains(t, stderr, "Unauthenticated.")
		assert.NotContains(t, stderr, "XYZZY", "the token is never printed")
	})
}
