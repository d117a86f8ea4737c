package agentapi

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// TaskFilter is a state the 2.0 task list can be filtered by.
type TaskFilter int

// The states of ListTasksOptions.Status, as the vendor numbers them.
const (
	FilterPaused TaskFilter = 1 // 任务暂停: enable false
	FilterActive TaskFilter = 3 // 执行中 & 等待执行: enable true
)

// ListTasksOptions are the query parameters of ListTasks and Tasks. Zero
// values are left out of the request.
type ListTasksOptions struct {
	Page    int          `url:"page,omitempty"`            // page number, from 1
	PerPage int          `url:"per_page,omitempty"`        // page size; the server's default is 15, a walk's 100
	Name    string       `url:"name,omitempty"`            // only tasks whose name contains this text
	Status  []TaskFilter `url:"status,omitempty,brackets"` // sent as status[]=1&status[]=3
}

// TaskOptions are the query parameters of the calls on one task or on a
// user's settings.
type TaskOptions struct {
	SubUserID string `url:"sub_user_id,omitempty"` // act on this sub-account's task
}

// ListTasks returns one page of userID's 2.0 tasks, filterable by state:
// GET /agent-api/new/user/{user_id}/task (the newer version of the 2.0 list;
// ListSubsetTasks serves the older one).
//
// userID must hold 1 to 128 of A-Z a-z 0-9 - _; another, a negative Page or
// PerPage, or a Status other than FilterPaused and FilterActive, is refused
// with an error wrapping ErrInvalidArgument before any request. opts may be
// nil. A response that is not a success is an *APIError.
func (c *Client) ListTasks(ctx context.Context, userID string, opts *ListTasksOptions) (*TaskPage, error) {
	p, _, err := c.listTasks(ctx, userID, opts)
	return p, err
}

// listTasks is ListTasks with what the call saw, for the pager.
func (c *Client) listTasks(ctx context.Context, userID string, opts *ListTasksOptions) (*TaskPage, fetchInfo, error) {
	if err := checkID("user id", userID); err != nil {
		return nil, fetchInfo{}, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, fetchInfo{}, err
	}
	r := &request{method: http.MethodGet, path: userPath(userID, "/task"), query: q}
	return getPage(ctx, c, r, decodeTaskPage)
}

// Tasks returns a Pager over every page of userID's 2.0 tasks, as ListTasks
// filters them, starting at opts.Page (default 1) with opts.PerPage per page
// (default 100). opts is copied; it may be nil. Argument errors surface on the
// pager's first call.
func (c *Client) Tasks(userID string, opts *ListTasksOptions, popts ...PagerOption) *Pager[Task] {
	var o ListTasksOptions
	if opts != nil {
		o = *opts
		o.Status = append([]TaskFilter(nil), opts.Status...)
	}
	if o.PerPage == 0 {
		o.PerPage = walkPerPage
	}
	return taskWalk(o.Page, func(ctx context.Context, page int) (*TaskPage, fetchInfo, error) {
		po := o
		po.Page = page
		return c.listTasks(ctx, userID, &po)
	}, popts)
}

// GetTask returns one 2.0 task's full settings:
// GET /agent-api/new/user/{user_id}/task/{task_id}/edit. The endpoint sends
// no top-level enable; Task.Enable then takes new_task_extra.enable, so that
// Status agrees with DeriveStatus. opts may be nil.
func (c *Client) GetTask(ctx context.Context, userID, taskID string, opts *TaskOptions) (*Task, error) {
	path, err := taskPath(userID, "/task/", taskID, "/edit")
	if err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	return c.taskCall(ctx, &request{method: http.MethodGet, path: path, query: q})
}

// GetTaskSetup returns what a new task of userID can use: its dial-time
// groups and caller lines: GET /agent-api/new/user/{user_id}/task/create.
// opts may be nil.
func (c *Client) GetTaskSetup(ctx context.Context, userID string, opts *TaskOptions) (*TaskSetup, error) {
	if err := checkID("user id", userID); err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	r := &request{method: http.MethodGet, path: userPath(userID, "/task/create"), query: q}
	v, _, err := getObject(ctx, c, r, func(b []byte, loc *time.Location) (envelope, *TaskSetup, error) {
		return decodeData(b, loc, (*decoder).taskSetup)
	})
	return v, err
}

// CreateTask creates a 2.0 task of userID: POST /agent-api/new/user/{user_id}/task.
// It returns what the response's data held (often a partial task; Raw keeps
// it all). in is checked before any request (see TaskInput). A create is
// never sent twice: it is retried only when the request surely never reached
// the application (no connection made, HTTP 429, HTTP 503).
func (c *Client) CreateTask(ctx context.Context, userID string, in *TaskInput) (*Task, error) {
	if err := checkID("user id", userID); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	return c.taskCall(ctx, &request{method: http.MethodPost, path: userPath(userID, "/task"), body: in, class: retryCreate})
}

// UpdateTask replaces the settings of a 2.0 task:
// PUT /agent-api/new/user/{user_id}/task/{task_id}. in is checked as for
// CreateTask. A running task is refused by the server with an error matching
// ErrTaskRunning: pause it first.
func (c *Client) UpdateTask(ctx context.Context, userID, taskID string, in *TaskInput) (*Task, error) {
	path, err := taskPath(userID, "/task/", taskID, "")
	if err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	return c.taskCall(ctx, &request{method: http.MethodPut, path: path, body: in})
}

// PauseTask pauses a 2.0 task: PUT /agent-api/new/user/{user_id}/task_stop/{task_id},
// with sub_user_id in the query. opts may be nil.
func (c *Client) PauseTask(ctx context.Context, userID, taskID string, opts *TaskOptions) error {
	path, err := taskPath(userID, "/task_stop/", taskID, "")
	if err != nil {
		return err
	}
	q, err := opts.values()
	if err != nil {
		return err
	}
	_, err = c.doNoData(ctx, &request{method: http.MethodPut, path: path, query: q})
	return err
}

// CopyTask copies a 2.0 task and returns what the response's data held
// (the copy, when the server sends it): GET /agent-api/new/user/{user_id}/copy/task/{task_id}.
// It is a GET that creates, so it is retried as CreateTask is: never after it
// may have reached the application. opts may be nil.
func (c *Client) CopyTask(ctx context.Context, userID, taskID string, opts *TaskOptions) (*Task, error) {
	path, err := taskPath(userID, "/copy/task/", taskID, "")
	if err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	return c.taskCall(ctx, &request{method: http.MethodGet, path: path, query: q, class: retryCreate})
}

// DeleteTask deletes a task: DELETE /agent-api/user/{user_id}/task/{task_id},
// the vendor's task delete (a 1.0 path; the vendor documents no 2.0 one).
// opts may be nil.
func (c *Client) DeleteTask(ctx context.Context, userID, taskID string, opts *TaskOptions) error {
	if err := checkID("user id", userID); err != nil {
		return err
	}
	if err := checkID("task id", taskID); err != nil {
		return err
	}
	q, err := opts.values()
	if err != nil {
		return err
	}
	r := &request{method: http.MethodDelete, path: "/agent-api/user/" + userID + "/task/" + taskID, query: q}
	_, err = c.doNoData(ctx, r)
	return err
}

// taskCall sends r and decodes the task its data holds; data that is [],
// null or absent gives an empty *Task.
func (c *Client) taskCall(ctx context.Context, r *request) (*Task, error) {
	v, _, err := getObject(ctx, c, r, func(b []byte, loc *time.Location) (envelope, *Task, error) {
		return decodeData(b, loc, (*decoder).task)
	})
	if err == nil && v == nil {
		v = new(Task)
	}
	return v, err
}

// userPath returns the 2.0 path of userID's resource rest; userID is checked.
func userPath(userID, rest string) string { return "/agent-api/new/user/" + userID + rest }

// taskPath checks both ids and returns the 2.0 path userID, mid, taskID, tail.
func taskPath(userID, mid, taskID, tail string) (string, error) {
	if err := checkID("user id", userID); err != nil {
		return "", err
	}
	if err := checkID("task id", taskID); err != nil {
		return "", err
	}
	return userPath(userID, mid+taskID+tail), nil
}

// values checks the options and encodes them as a query.
func (o *ListTasksOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	if o.Page < 0 {
		return nil, invalidf("page %d is negative", o.Page)
	}
	if o.PerPage < 0 {
		return nil, invalidf("per_page %d is negative", o.PerPage)
	}
	for _, s := range o.Status {
		if s != FilterPaused && s != FilterActive {
			return nil, invalidf("status filter %d: only FilterPaused (1) and FilterActive (3) exist", int(s))
		}
	}
	return encodeQuery(o)
}

// values checks the options and encodes them as a query.
func (o *TaskOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	if o.SubUserID != "" {
		if err := checkID("sub_user_id", o.SubUserID); err != nil {
			return nil, err
		}
	}
	return encodeQuery(o)
}
