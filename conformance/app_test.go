package conformance_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The accounts the app seeds (routes/console.php).
const (
	mainUser   = "4e92e425-036e-4759-b594-ee6911605533"
	otherUser  = "9b1f0c3e-5a4d-4c2b-8e7f-000000000002"
	mainToken  = "conformance-token"
	otherToken = "other-token"
	seeded     = 300 // tasks of mainUser
)

// listPath is the endpoint's path for user.
func listPath(user string) string { return "/agent-api/new/user/" + user + "/subset_task" }

// script is the app's start/stop script, relative to this package.
const script = "laravel/serve.sh"

// requirePHP skips the test, saying how to run it, when PHP or Debian's
// Laravel packages are missing; with AGENTAPI_CONFORMANCE=1 (as .ci/run
// sets it) it fails instead, so that CI never skips silently.
func requirePHP(t *testing.T) {
	t.Helper()
	_, err := exec.LookPath("php")
	if err == nil {
		_, err = os.Stat("/usr/share/php/Illuminate/autoload.php")
	}
	if err == nil {
		err = exec.Command("php", "-r", `exit(extension_loaded("pdo_sqlite") && extension_loaded("mbstring") && extension_loaded("dom") ? 0 : 1);`).Run()
	}
	if err == nil {
		return
	}
	msg := "conformance: PHP 8 with Debian's php-laravel-framework is not installed (" + err.Error() +
		"); run `bash conformance/laravel/serve.sh install` (Debian/Ubuntu, needs root or sudo) " +
		"or `bash .ci/run`, then `go test ./conformance/`"
	if os.Getenv("AGENTAPI_CONFORMANCE") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// app is one running instance of the Laravel app, on its own database.
type app struct {
	URL string
	dir string
}

// startApp seeds a fresh database and starts the app with env added to
// the environment (THROTTLE_LIMIT, THROTTLE_WINDOW, ...); the test's
// cleanup stops it.
func startApp(t *testing.T, env ...string) *app {
	t.Helper()
	requirePHP(t)
	dir := t.TempDir()
	cmd := exec.Command("bash", script, "start", dir)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	t.Cleanup(func() {
		if err := exec.Command("bash", script, "stop", dir).Run(); err != nil {
			t.Errorf("stopping the app: %v", err)
		}
	})
	if err != nil {
		logs, _ := os.ReadFile(filepath.Join(dir, "logs", "laravel.log"))
		t.Fatalf("starting the app: %v\n%s\n%.3000s", err, out, logs)
	}
	return &app{URL: strings.TrimSpace(string(out)), dir: dir}
}

// artisan runs an artisan command against the app's database.
func (a *app) artisan(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "bash", append([]string{script, "artisan", a.dir}, args...)...).CombinedOutput()
	require.NoError(t, err, "artisan %v: %s", args, out)
	return string(out)
}
