package agentapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/f703e656/agentapi"
	"github.com/f703e656/agentapi/agentapitest"
)

// beijing is the vendor's zone; a task's times are read in it.
var beijing = time.FixedZone("CST", 8*3600)

// spring returns the settings of a spring campaign that uses what setup
// offers: its first dial-time group and caller line.
func spring(name string, setup *agentapi.TaskSetup) *agentapi.TaskInput {
	return &agentapi.TaskInput{
		Name:                 name,
		DestinationExtension: 297, // the script group
		DialTimeID:           setup.DialTimeGroups[0].ID,
		MaximumCall:          2,
		Extras: agentapi.TaskInputExtras{
			StartTime: agentapi.Time{Time: time.Date(2025, 3, 1, 9, 0, 0, 0, beijing)},
			StopTime:  agentapi.Time{Time: time.Date(2025, 6, 30, 18, 0, 0, 0, beijing)},
			Line:      []string{setup.CallerLines[0].LineID},
		},
	}
}

// newDemoClient returns a client of the fake srv, stopping the example on error.
func newDemoClient(srv *agentapitest.Server) *agentapi.Client {
	c, err := agentapi.NewClient(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	return c
}

func ExampleClient_CreateTask() {
	srv := agentapitest.NewServer()
	defer srv.Close()
	c := newDemoClient(srv)
	defer c.CloseIdleConnections()
	ctx := context.Background()

	// What a new task can use: dial-time groups and caller lines.
	setup, err := c.GetTaskSetup(ctx, "demo", nil)
	if err != nil {
		log.Fatal(err)
	}
	task, err := c.CreateTask(ctx, "demo", spring("春季回访", setup))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(task.Name, task.Status()) // a new task waits, paused, to be started

	// An input that lacks what the vendor requires is refused before any request.
	_, err = c.CreateTask(ctx, "demo", &agentapi.TaskInput{Name: "no script, no hours"})
	fmt.Println(errors.Is(err, agentapi.ErrInvalidArgument))
	// Output:
	// 春季回访 paused
	// true
}

func ExampleClient_PauseTask() {
	srv := agentapitest.NewServer()
	defer srv.Close()
	c := newDemoClient(srv)
	defer c.CloseIdleConnections()
	ctx := context.Background()

	setup, err := c.GetTaskSetup(ctx, "demo", nil)
	if err != nil {
		log.Fatal(err)
	}
	in := spring("春季回访", setup)
	task, err := c.CreateTask(ctx, "demo", in)
	if err != nil {
		log.Fatal(err)
	}
	srv.SetTaskState("demo", task.UUID, true, true) // started in the console

	// A running task cannot be changed: pause it first.
	in.MaximumCall = 5
	_, err = c.UpdateTask(ctx, "demo", task.UUID, in)
	fmt.Println(errors.Is(err, agentapi.ErrTaskRunning))
	if err := c.PauseTask(ctx, "demo", task.UUID, nil); err != nil {
		log.Fatal(err)
	}
	if _, err := c.UpdateTask(ctx, "demo", task.UUID, in); err != nil {
		log.Fatal(err)
	}
	got, err := c.GetTask(ctx, "demo", task.UUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Status(), got.MaximumCall)
	// Output:
	// true
	// paused 5
}

func ExampleClient_GetTask() {
	srv := agentapitest.NewServer()
	defer srv.Close()
	c := newDemoClient(srv)
	defer c.CloseIdleConnections()
	ctx := context.Background()

	setup, err := c.GetTaskSetup(ctx, "demo", nil)
	if err != nil {
		log.Fatal(err)
	}
	created, err := c.CreateTask(ctx, "demo", spring("春季回访", setup))
	if err != nil {
		log.Fatal(err)
	}
	srv.SetTaskState("demo", created.UUID, true, true) // started in the console

	// The settings view sends no top-level enable: the remote task's stands in.
	task, err := c.GetTask(ctx, "demo", created.UUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(task.Name, task.Status(), task.Status() == agentapi.DeriveStatus(task.Enable, task.NewTaskExtra))
	fmt.Println(task.TaskExtras.StartTime.Format(time.DateTime), "to", task.TaskExtras.StopTime.Format(time.DateTime))
	fmt.Println(task.DialTimeID == setup.DialTimeGroups[0].ID, len(task.TaskExtras.Line))

	_, err = c.GetTask(ctx, "demo", "no-such-task", nil)
	fmt.Println(errors.Is(err, agentapi.ErrNotFound))
	// Output:
	// 春季回访 dialing true
	// 2025-03-01 09:00:00 to 2025-06-30 18:00:00
	// true 1
	// true
}

func ExampleClient_Tasks() {
	srv := agentapitest.NewServer()
	defer srv.Close()
	c := newDemoClient(srv)
	defer c.CloseIdleConnections()
	ctx := context.Background()

	setup, err := c.GetTaskSetup(ctx, "demo", nil)
	if err != nil {
		log.Fatal(err)
	}
	for i, name := range []string{"回访-一", "回访-二", "回访-三"} {
		task, err := c.CreateTask(ctx, "demo", spring(name, setup))
		if err != nil {
			log.Fatal(err)
		}
		if i != 1 {
			srv.SetTaskState("demo", task.UUID, true, i == 0)
		}
	}

	// Every task that is running or waiting to run, page after page.
	active := &agentapi.ListTasksOptions{Status: []agentapi.TaskFilter{agentapi.FilterActive}, PerPage: 2}
	for task, err := range c.Tasks("demo", active).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(task.Name, task.Status())
	}
	// Output:
	// 回访-三 waiting
	// 回访-一 dialing
}

func ExampleClient_CreateDialTimeGroup() {
	srv := agentapitest.NewServer()
	defer srv.Close()
	c := newDemoClient(srv)
	defer c.CloseIdleConnections()
	ctx := context.Background()

	in := &agentapi.DialTimeGroupInput{
		Name: "周一周三拨打",
		Content: []agentapi.DialTimeDay{
			{Week: 1, Times: []agentapi.TimeRange{{Begin: "08:00", End: "12:00"}, {Begin: "13:30", End: "18:00"}}},
			{Week: 3, Times: []agentapi.TimeRange{{Begin: "09:00", End: "17:00"}}},
		},
		SkipHoliday: true,
	}
	g, err := c.CreateDialTimeGroup(ctx, "demo", in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Name, len(g.Content), g.Content[0].Times[1].Begin, g.SkipHoliday)

	page, err := c.ListDialTimeGroups(ctx, "demo", nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range page.Items {
		fmt.Println(g.Name, g.IsDefault)
	}

	// A range that ends before it begins is refused before any request.
	in.Content[1].Times[0].End = "08:00"
	_, err = c.CreateDialTimeGroup(ctx, "demo", in)
	fmt.Println(errors.Is(err, agentapi.ErrInvalidArgument))
	// Output:
	// 周一周三拨打 2 13:30 true
	// 系统呼叫时间 true
	// 周一周三拨打 false
	// true
}
