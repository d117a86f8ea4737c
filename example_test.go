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

// The examples run against the agentapitest fake; against the real API, pass
// its base URL and your token instead.

func ExampleNewClient() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 3), agentapitest.WithToken("s3cret"))
	defer srv.Close()

	c, err := agentapi.NewClient(srv.URL,
		agentapi.WithToken("s3cret"),
		agentapi.WithTimeout(30*time.Second),
		agentapi.WithMaxRetries(2))
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()

	page, err := c.ListSubsetTasks(context.Background(), "demo", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(page.Meta.Total, "tasks")

	// An invalid option is refused before any request.
	_, err = agentapi.NewClient("ftp://example.com")
	fmt.Println(errors.Is(err, agentapi.ErrInvalidArgument))
	// Output:
	// 3 tasks
	// true
}

func ExampleClient_ListSubsetTasks() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 25))
	defer srv.Close()
	c, err := agentapi.NewClient(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()

	page, err := c.ListSubsetTasks(context.Background(), "demo", &agentapi.ListSubsetTasksOptions{Page: 2, PerPage: 10})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("page %d of %d, %d tasks in all\n", page.Meta.CurrentPage, page.Meta.LastPage, page.Meta.Total)
	for _, t := range page.Items[:3] {
		fmt.Println(t.Name, t.Status(), t.CreateDatetime.Format(time.DateTime))
	}

	// Errors match the sentinels.
	_, err = c.ListSubsetTasks(context.Background(), "..", nil)
	fmt.Println(errors.Is(err, agentapi.ErrInvalidArgument))
	// Output:
	// page 2 of 3, 25 tasks in all
	// 外呼任务-0015 回访 paused 2024-09-02 23:26:20
	// 外呼任务-0014 活动邀约 paused 2024-09-02 23:19:07
	// 外呼任务-0013 续费通知 dialing 2024-09-02 23:11:54
	// true
}

func ExampleDeriveStatus() {
	remote := &agentapi.NewTaskExtra{CallStatus: false}
	s := agentapi.DeriveStatus(true, remote)
	fmt.Println(s, s.Label())

	// An empty new_task_extra reads as nil: the task is abnormal.
	s = agentapi.DeriveStatus(true, nil)
	fmt.Println(s, s.Label())
	// Output:
	// waiting 任务等待执行
	// abnormal 异常任务
}

func ExamplePager_All() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 120))
	defer srv.Close()
	c, err := agentapi.NewClient(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()

	counts := map[agentapi.TaskStatus]int{}
	pager := c.SubsetTasks("demo", &agentapi.ListSubsetTasksOptions{PerPage: 25}, agentapi.WithConcurrency(4))
	for t, err := range pager.All(context.Background()) {
		if err != nil {
			log.Fatal(err) // every task before the error has been yielded
		}
		counts[t.Status()]++
	}
	for s := agentapi.StatusUnknown; s <= agentapi.StatusAbnormal; s++ {
		fmt.Printf("%-8s %d\n", s, counts[s])
	}
	// Output:
	// unknown  12
	// dialing  36
	// paused   36
	// waiting  24
	// abnormal 12
}

func ExamplePager_Pages() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 45))
	defer srv.Close()
	c, err := agentapi.NewClient(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()

	pager := c.SubsetTasks("demo", &agentapi.ListSubsetTasksOptions{PerPage: 20})
	for page, err := range pager.Pages(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d/%d: %d tasks\n", page.Meta.CurrentPage, page.Meta.LastPage, len(page.Items))
	}
	// Output:
	// page 1/3: 20 tasks
	// page 2/3: 20 tasks
	// page 3/3: 5 tasks
}

func ExamplePager_Next() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 30))
	defer srv.Close()
	c, err := agentapi.NewClient(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	defer c.CloseIdleConnections()

	ctx := context.Background()
	pager := c.SubsetTasks("demo", &agentapi.ListSubsetTasksOptions{PerPage: 20})
	for pager.More() {
		page, err := pager.Next(ctx)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(len(page.Items), "tasks")
	}
	_, err = pager.Next(ctx)
	fmt.Println(errors.Is(err, agentapi.ErrNoMorePages))
	// Output:
	// 20 tasks
	// 10 tasks
	// true
}
