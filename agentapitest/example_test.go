package agentapitest_test

import (
	"encoding/json"
	"fmt"
	"net/http"

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
