// Command agentapi lists the tasks of the agent API for scripts and shells:
// as an aligned table, JSON, JSON lines or CSV, one page or every page, and
// runs a fake of the API for demos and for other programs' tests.
//
//	agentapi tasks list --demo --all
//	agentapi tasks list --user 42 --all --status dialing,waiting --format jsonl
//	agentapi fake serve --addr 127.0.0.1:0 --tasks 500
//
// It reads AGENTAPI_BASE_URL and AGENTAPI_TOKEN (or --token-file) and exits
// 0 on success, 1 on an API or network failure and 2 on a usage error.
// "agentapi help" lists every flag.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the API or the network failed
	exitUsage   = 2 // the command line was wrong
)

func main() {
	// An interrupt cancels the listing in flight, or stops fake serve.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit code. It is main
// without the process: tests call it in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		return report(stderr, usagef(mainUsage, "missing command"))
	}
	var err error
	switch args[0] {
	case "tasks":
		err = runTasks(ctx, args[1:], stdin, stdout, stderr, getenv)
	case "fake":
		err = runFake(ctx, args[1:], stdout)
	case "version":
		_, err = fmt.Fprintf(stdout, "agentapi %s (%s)\n", version(), runtime.Version())
	case "help", "-h", "-help", "--help":
		_, err = io.WriteString(stdout, mainUsage+"\n"+listUsage+"\n"+serveUsage)
	default:
		err = usagef(mainUsage, "unknown command %q", args[0])
	}
	return report(stderr, err)
}

// report writes err to stderr, with the usage for a usage error, and
// returns the exit code it calls for.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, err)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprint(stderr, "\n"+ue.usage)
		return exitUsage
	}
	return exitFailure
}

// version returns the module version the binary was built from, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
