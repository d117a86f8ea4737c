package agentapi_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/f703e656/agentapi"
	"github.com/f703e656/agentapi/agentapitest"
)

// Errors are matched by category with errors.Is and read in detail with
// errors.As.
func ExampleAPIError() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 3), agentapitest.WithToken("s3cret"))
	defer srv.Close()
	c, err := agentapi.NewClient(srv.URL, agentapi.WithToken("wrong"), agentapi.WithMaxRetries(0))
	if err != nil {
		log.Fatal(err)
	}

	_, err = c.ListSubsetTasks(context.Background(), "demo", nil)
	var apiErr *agentapi.APIError
	switch {
	case errors.Is(err, agentapi.ErrUnauthorized) && errors.As(err, &apiErr):
		fmt.Println("unauthorized:", apiErr.HTTPStatus, apiErr.Message)
	case errors.Is(err, agentapi.ErrRateLimited) && errors.As(err, &apiErr):
		fmt.Println("come back in", apiErr.RetryAfter)
	case err != nil:
		fmt.Println("other:", err)
	}
	// Output:
	// unauthorized: 401 Unauthenticated.
}

// A Client learns Laravel's throttle from its headers and waits for the
// window to reopen instead of failing; WithWaitNotify tells of each wait.
func ExampleWithWaitNotify() {
	srv := agentapitest.NewServer(agentapitest.WithTasks("demo", 40),
		agentapitest.WithRateLimit(2, time.Second)) // 2 requests a second
	defer srv.Close()
	waits := 0
	c, err := agentapi.NewClient(srv.URL, agentapi.WithWaitNotify(func(w agentapi.WaitEvent) {
		if w.Reason == "rate limit" || w.Reason == "retry-after" {
			waits++ // a command-line tool would show "waiting 1s for the rate limit"
		}
	}))
	if err != nil {
		log.Fatal(err)
	}

	pager := c.SubsetTasks("demo", &agentapi.ListSubsetTasksOptions{PerPage: 10})
	n := 0
	for _, err := range pager.All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "tasks; waited for the window:", waits > 0)
	// Output:
	// 40 tasks; waited for the window: true
}

// Tasks deleted while a walk runs shift later tasks onto pages already read;
// the pager reads those pages again, and Stats tells what the walk met.
func ExamplePager_Stats() {
	fake := agentapitest.NewFake(agentapitest.WithTasks("demo", 50))
	defer fake.Close()
	deleted := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "3" && !deleted {
			fake.DeleteTasks("demo", 4) // the four newest: already listed on page 1
			deleted = true
		}
		fake.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, err := agentapi.NewClient(srv.URL)
	if err != nil {
		log.Fatal(err)
	}

	pager := c.SubsetTasks("demo", &agentapi.ListSubsetTasksOptions{PerPage: 10})
	n := 0
	for _, err := range pager.All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	st := pager.Stats()
	fmt.Println(n, "tasks, none lost; list changed:", st.Changed, "; pages read again:", st.Refetched > 0)
	// Output:
	// 50 tasks, none lost; list changed: true ; pages read again: true
}
