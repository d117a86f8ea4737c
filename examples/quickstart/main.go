// Quickstart lists one page of tasks, a few lines each with the task's
// derived status and its Chinese label.
//
// Without AGENTAPI_BASE_URL it runs against an in-process fake of the API
// (package agentapitest), so it needs no account:
//
//	go run ./examples/quickstart
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

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
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
		// No server configured: start the fake, with 40 tasks of user "demo".
		srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 40))
		defer srv.Close()
		baseURL, userID = srv.URL, "demo"
	} else if userID == "" {
		return errors.New("quickstart: set AGENTAPI_USER to the user id whose tasks to list")
	} else if token := getenv("AGENTAPI_TOKEN"); token != "" {
		opts = append(opts, agentapi.WithToken(token))
	}

	client, err := agentapi.NewClient(baseURL, opts...)
	if err != nil {
		return err
	}
	defer client.CloseIdleConnections()

	page, err := client.ListSubsetTasks(ctx, userID, &agentapi.ListSubsetTasksOptions{PerPage: 5})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "page %d of %d (%d tasks in all)\n", page.Meta.CurrentPage, page.Meta.LastPage, page.Meta.Total)
	for _, t := range page.Items {
		st := t.Status()
		fmt.Fprintf(w, "\n%s\n", t.Name)
		fmt.Fprintf(w, "  uuid:    %s\n", t.UUID)
		fmt.Fprintf(w, "  status:  %s (%s)\n", st.Label(), st)
		fmt.Fprintf(w, "  created: %s, at most %d calls at once\n", t.CreateDatetime.Format("2006-01-02 15:04:05"), t.MaximumCall)
	}
	return nil
}
