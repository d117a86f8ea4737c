// Campaign drives a 2.0 task through its lifecycle against an in-process
// fake of the API (package agentapitest): read what a task can use, create
// one, find it among the paused tasks, see a running task refuse a change,
// pause it, change it, copy it and delete both.
//
//	go run ./examples/campaign
//
// It runs against the fake only: it creates and deletes tasks, which on a
// real account is the operator's decision ("agentapi tasks create" and
// "agentapi tasks delete" do the same from a shell).
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
	err := run(ctx, os.Stdout)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// user is the fake's account the campaign runs for.
const user = "demo"

// run is the example, writing to w; main_test.go calls it directly.
func run(ctx context.Context, w io.Writer) error {
	srv := agentapitest.NewServer(agentapitest.WithTasks(user, 5))
	defer srv.Close()
	client, err := agentapi.NewClient(srv.URL)
	if err != nil {
		return err
	}
	defer client.CloseIdleConnections()

	// What a new task can use: a dial-time group and the caller lines.
	setup, err := client.GetTaskSetup(ctx, user, nil)
	if err != nil {
		return err
	}
	if len(setup.DialTimeGroups) == 0 || len(setup.CallerLines) == 0 {
		return errors.New("campaign: the setup offers no dial-time group or no line")
	}
	group, line := setup.DialTimeGroups[0], setup.CallerLines[0]
	fmt.Fprintf(w, "dial-time group %d %q, line %q\n", group.ID, group.Name, line.Name)

	in := &agentapi.TaskInput{
		Name: "November renewals", DestinationExtension: 12, DialTimeID: group.ID, MaximumCall: 5,
		Extras: agentapi.TaskInputExtras{
			StartTime: clock(2024, 11, 1, 9), StopTime: clock(2024, 11, 30, 18),
			Line: []string{line.LineID},
		},
	}
	task, err := client.CreateTask(ctx, user, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "created %q: %s\n", task.Name, task.Status())

	// The server's own filter: the paused tasks only.
	paused, err := client.ListTasks(ctx, user, &agentapi.ListTasksOptions{Status: []agentapi.TaskFilter{agentapi.FilterPaused}})
	if err != nil {
		return err
	}
	found := false
	for _, t := range paused.Items {
		found = found || t.UUID == task.UUID
	}
	fmt.Fprintf(w, "among the paused tasks: %t\n", found)

	// The API has no start endpoint: the fake starts it as the console would.
	srv.SetTaskState(user, task.UUID, true, true)
	in.MaximumCall = 10
	_, err = client.UpdateTask(ctx, user, task.UUID, in)
	fmt.Fprintf(w, "update while running refused: %t\n", errors.Is(err, agentapi.ErrTaskRunning))

	if err := client.PauseTask(ctx, user, task.UUID, nil); err != nil {
		return err
	}
	if _, err := client.UpdateTask(ctx, user, task.UUID, in); err != nil {
		return err
	}
	got, err := client.GetTask(ctx, user, task.UUID, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "paused and updated: %s, %d lines at once\n", got.Status(), got.MaximumCall)

	cp, err := client.CopyTask(ctx, user, task.UUID, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "copied as %q\n", cp.Name)

	for _, id := range []string{cp.UUID, task.UUID} {
		if err := client.DeleteTask(ctx, user, id, nil); err != nil {
			return err
		}
	}
	_, err = client.GetTask(ctx, user, task.UUID, nil)
	fmt.Fprintf(w, "deleted both: %t\n", errors.Is(err, agentapi.ErrNotFound))
	return nil
}

// clock returns the hour h of a day in the client's zone (China Standard
// Time, UTC+8, by default).
func clock(y int, m time.Month, d, h int) agentapi.Time {
	return agentapi.Time{Time: time.Date(y, m, d, h, 0, 0, 0, time.FixedZone("CST", 8*3600))}
}
