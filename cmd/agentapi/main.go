// Command agentapi lists the tasks of the agent API for scripts and shells:
// as an aligned table, JSON, JSON lines or CSV, one page or every page;
// drives a 2.0 task's lifecycle (get, setup, create, update, pause, copy,
// delete) and its dial-time groups; and runs a fake of the API for demos
// and for other programs' tests.
//
//	agentapi tasks list --demo --all
//	agentapi tasks list --user 42 --all --status dialing,waiting --format jsonl
//	agentapi tasks create --file task.json
//	agentapi tasks delete TASK_ID --yes
//	agentapi fake serve --addr 127.0.0.1:0 --tasks 500
//
// It reads AGENTAPI_BASE_URL, AGENTAPI_TOKEN (or --token-file) and
// AGENTAPI_USER. Exit status: 0 success, 1 API or network failure, 2 usage
// error, 4 authentication or permission refused (HTTP 401 or 403), 130
// interrupted. "agentapi help" lists the commands, "agentapi COMMAND
// --help" a command's flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/f703e656/agentapi"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1   // the API or the network failed
	exitUsage       = 2   // the command line was wrong
	exitAuth        = 4   // the API refused the token or the permission (401, 403)
	exitInterrupted = 130 // SIGINT or SIGTERM stopped the command (128 + SIGINT)
)

func main() {
	// An interrupt cancels the command in flight, or stops fake serve.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit code. It is main
// without the process: tests call it in-process. ctx being cancelled is
// the interrupt.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	cio := &cmdIO{
		stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv,
		ttyIn: isTerminalFile(stdin), ttyErr: isTerminalFile(stderr),
	}
	err := dispatch(ctx, args, cio)
	return report(ctx, stderr, err)
}

// usageError is a command line the tool refuses: it exits 2 after one
// line on stderr that says what was wrong and where the help is.
type usageError struct {
	err error
	cmd string // the command misused ("tasks list"), "" for the tool
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns the usageError of cmd with a message formatted as by
// fmt.Errorf, prefixed "agentapi: ".
func usagef(cmd, format string, args ...any) error {
	return &usageError{err: fmt.Errorf("agentapi: "+format, args...), cmd: cmd}
}

// report writes err to stderr on one line and returns the exit code it
// calls for.
func report(ctx context.Context, stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	code := exitCode(ctx, err)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "%s (see 'agentapi %s')\n", err, helpCommand(ue.cmd))
		return code
	}
	fmt.Fprintln(stderr, err)
	return code
}

// helpCommand returns the command line that shows the help of cmd.
func helpCommand(cmd string) string {
	if cmd == "" {
		return "help"
	}
	return cmd + " --help"
}

// exitCode returns the exit status for err, the failure of a command run
// under ctx.
func exitCode(ctx context.Context, err error) int {
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case ctx.Err() != nil:
		return exitInterrupted
	case errors.Is(err, agentapi.ErrUnauthorized), errors.Is(err, agentapi.ErrForbidden):
		return exitAuth
	}
	return exitFailure
}

// versionLine is what "agentapi version" and "agentapi --version" print:
// the SDK's Version, which the tool is built with.
func versionLine() string {
	return "agentapi " + agentapi.Version + "\n"
}
