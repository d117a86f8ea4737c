// Status-report groups every task by its derived status, under the
// vendor's Chinese label, such as "任务拨打中 (dialing): 24", with the
// first few task names of each group.
//
// Without AGENTAPI_BASE_URL it runs against an in-process fake of the API
// (package agentapitest), so it needs no account:
//
//	go run ./examples/status-report
//
// Against a real server, set AGENTAPI_BASE_URL, AGENTAPI_TOKEN (the partner
// token the vendor's console issues) and AGENTAPI_USER (the user id whose
// tasks to list).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/f703e656/agentapi"
	"github.com/f703e656/agentapi/agentapitest"
)

// shown is how many task names each group lists.
const shown = 3

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	err := run(ctx, os.Stdout, os.Getenv)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run is the example, writing to w and reading its settings through
// getenv; main_test.go calls it directly.
func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	baseURL, userID := getenv("AGENTAPI_BASE_URL"), getenv("AGENTAPI_USER")
	var opts []agentapi.Option
	if baseURL == "" {
		// No server configured: start the fake, with 237 tasks of user "demo".
		srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 237))
		defer srv.Close()
		baseURL, userID = srv.URL, "demo"
	} else if userID == "" {
		return errors.New("status-report: set AGENTAPI_USER to the user id whose tasks to list")
	} else if token := getenv("AGENTAPI_TOKEN"); token != "" {
		opts = append(opts, agentapi.WithToken(token))
	}

	client, err := agentapi.NewClient(baseURL, opts...)
	if err != nil {
		return err
	}
	defer client.CloseIdleConnections()

	// Only the count and the first names of each group are kept, however
	// long the list.
	counts := map[agentapi.TaskStatus]int{}
	names := map[agentapi.TaskStatus][]string{}
	pager := client.SubsetTasks(userID, &agentapi.ListSubsetTasksOptions{PerPage: 50}, agentapi.WithConcurrency(4))
	for t, err := range pager.All(ctx) {
		if err != nil {
			return err
		}
		st := t.Status()
		counts[st]++
		if len(names[st]) < shown {
			names[st] = append(names[st], t.Name)
		}
	}

	for _, st := range []agentapi.TaskStatus{
		agentapi.StatusDialing, agentapi.StatusWaiting, agentapi.StatusPaused,
		agentapi.StatusAbnormal, agentapi.StatusUnknown,
	} {
		fmt.Fprintf(w, "%s (%s): %d\n", st.Label(), st, counts[st])
		for _, n := range names[st] {
			fmt.Fprintf(w, "  - %s\n", n)
		}
		if more := counts[st] - len(names[st]); more > 0 {
			fmt.Fprintf(w, "  ... and %d more\n", more)
		}
	}
	return nil
}
