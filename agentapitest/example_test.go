package agentapitest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/f703e656/agentapi/agentapitest"
)

// The fake serves generated tasks in the vendor's envelope; here read with
// plain net/http, as in a test of code that does not use the SDK.
func Example() {
	srv := agentapitest.NewServer(
		agentapitest.WithTasks("demo", 40),
		agentapitest.WithFaults(agentapitest.RateLimit("1")), // the first request is throttled
	)
	defer srv.Close()

	url := srv.URL + "/agent-api/new/user/demo/subset_task?page=2&per_page=15"
	for range 2 {
		resp, err := srv.Client().Get(url)
		if err != nil {
			fmt.Println(err)
			return
		}
		var page struct {
			Message string
			Meta    struct {
				Total       int             `json:"total"`
				LastPage    int             `json:"last_page"`
				CurrentPage int             `json:"current_page"`
				PerPage     json.RawMessage `json:"per_page"`
			}
			Data []struct {
				Name   string `json:"name"`
				Enable bool   `json:"enable"`
			}
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"), page.Message)
		if resp.StatusCode == http.StatusOK {
			fmt.Printf("page %d of %d, %d tasks, per_page %s\n",
				page.Meta.CurrentPage, page.Meta.LastPage, page.Meta.Total, page.Meta.PerPage)
			fmt.Println(page.Data[0].Name, page.Data[0].Enable)
		}
	}
	fmt.Println(srv.Requests(), "requests")
	// Output:
	// 429 1 Too Many Attempts.
	// 200  返回所有子账号的任务列表信息成功
	// page 2 of 3, 40 tasks, per_page "15"
	// 外呼任务-0025 新品推广 false
	// 2 requests
}

// A Fake is an http.Handler: serve it on an address of one's choosing, as
// the CLI's "fake serve" does, or wrap it in middleware.
func ExampleNewFake() {
	f := agentapitest.NewFake(agentapitest.WithTasks("demo", 3), agentapitest.WithToken("secret"))
	var h http.Handler = f // e.g. http.ListenAndServe("127.0.0.1:8080", f)
	_ = h
	fmt.Println(f.TaskCount("demo"), len(agentapitest.SubAccounts("demo")))
	// Output: 3 3
}

// A test seeds tasks of its own, aims a fault at one page, and reads the
// log of requests: exact assertions even with pages fetched in parallel.
func ExampleWithTaskSeeds() {
	srv := agentapitest.NewServer(
		agentapitest.WithToken("secret"),
		agentapitest.WithTaskSeeds("u1",
			agentapitest.TaskSeed{Name: "回访 A", Status: "paused"},
			agentapitest.TaskSeed{Name: "回访 B", Status: "abnormal", NullExtra: true},
			agentapitest.TaskSeed{Name: "催收 C", Status: "dialing"},
		),
		agentapitest.WithPageFault(2, agentapitest.ServerError(503)),
	)
	defer srv.Close()

	for _, page := range []string{"1", "2", "2"} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/agent-api/new/user/u1/subset_task?per_page=2&page="+page, nil)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", "Bearer secret")
		resp, err := srv.Client().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		var body struct {
			Data []struct {
				Name string `json:"name"`
			} `json:"data"`
		}
		json.NewDecoder(resp.Body).Decode(&body) //nolint:errcheck // an error page decodes to no task
		resp.Body.Close()
		fmt.Println("page", page, resp.StatusCode, body.Data)
	}
	for _, r := range srv.RequestLog() {
		fmt.Println(r.Number, r.Method, r.Query.Get("page"), r.Header.Get("Authorization"))
	}
	// Output:
	// page 1 200 [{催收 C} {回访 B}]
	// page 2 503 []
	// page 2 200 [{回访 A}]
	// 1 GET 1 [redacted]
	// 2 GET 2 [redacted]
	// 3 GET 2 [redacted]
}

// WithRateLimit throttles as Laravel's stock "api" middleware group does;
// here 2 requests a minute.
func ExampleWithRateLimit() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u1", 5), agentapitest.WithRateLimit(2, time.Minute))
	defer srv.Close()
	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/agent-api/new/user/u1/subset_task", nil)
		req.Header.Set("Accept", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("X-RateLimit-Limit"), resp.Header.Get("X-RateLimit-Remaining"),
			resp.Header.Get("Retry-After") != "")
	}
	// Output:
	// 200 2 1 false
	// 200 2 0 false
	// 429 2 0 true
}

// Down puts the fake in maintenance mode, as "php artisan down --retry=60".
func ExampleFake_Down() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("u1", 5))
	defer srv.Close()
	get := func() {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/agent-api/new/user/u1/subset_task", nil)
		req.Header.Set("Accept", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	srv.Down(60)
	get()
	srv.Up()
	get()
	// Output:
	// 503 60
	// 200
}
