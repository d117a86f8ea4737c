package agentapi

import (
	"context"
	"net/http"
	"net/url"
)

// walkPerPage is the page size of a walk whose options leave PerPage 0:
// the server's default of 15 would cost seven times the requests, which a
// throttle of 60 a minute makes slow.
const walkPerPage = 100

// ListSubsetTasksOptions are the query parameters of ListSubsetTasks and
// SubsetTasks. Zero values are left out of the request.
type ListSubsetTasksOptions struct {
	Page      int    `url:"page,omitempty"`        // page number, from 1; the server's default is 1
	PerPage   int    `url:"per_page,omitempty"`    // page size; the server's default is 15, a walk's 100
	Name      string `url:"name,omitempty"`        // only tasks whose name contains this text
	SubUserID string `url:"sub_user_id,omitempty"` // only the tasks of this sub-account
}

// ListSubsetTasks returns one page of the tasks of userID and all its
// sub-accounts: GET /agent-api/new/user/{user_id}/subset_task.
//
// userID must hold 1 to 128 of A-Z a-z 0-9 - _; another, or a negative Page
// or PerPage, is refused with an error wrapping ErrInvalidArgument before
// any request. opts may be nil. A response that is not a success is an
// *APIError; see the package documentation for the retry policy.
func (c *Client) ListSubsetTasks(ctx context.Context, userID string, opts *ListSubsetTasksOptions) (*TaskPage, error) {
	p, _, err := c.listSubsetTasks(ctx, userID, opts)
	return p, err
}

// listSubsetTasks is ListSubsetTasks with what the call saw, for the pager.
func (c *Client) listSubsetTasks(ctx context.Context, userID string, opts *ListSubsetTasksOptions) (*TaskPage, fetchInfo, error) {
	if err := checkID("user id", userID); err != nil {
		return nil, fetchInfo{}, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, fetchInfo{}, err
	}
	r := &request{method: http.MethodGet, path: "/agent-api/new/user/" + userID + "/subset_task", query: q}
	return getPage(ctx, c, r, decodeTaskPage)
}

// SubsetTasks returns a Pager over every page of the tasks of userID and all
// its sub-accounts, starting at opts.Page (default 1) with opts.PerPage per
// page (default 100). opts is copied; it may be nil. Argument errors surface
// on the pager's first call.
func (c *Client) SubsetTasks(userID string, opts *ListSubsetTasksOptions, popts ...PagerOption) *Pager[Task] {
	var o ListSubsetTasksOptions
	if opts != nil {
		o = *opts
	}
	if o.PerPage == 0 {
		o.PerPage = walkPerPage
	}
	return taskWalk(o.Page, func(ctx context.Context, page int) (*TaskPage, fetchInfo, error) {
		po := o
		po.Page = page
		return c.listSubsetTasks(ctx, userID, &po)
	}, popts)
}

// taskWalk returns a pager over the pages that list fetches, from page start
// (1 when 0). A negative start is refused, as one page's call refuses it,
// by the pager's first call.
func taskWalk(start int, list func(ctx context.Context, page int) (*TaskPage, fetchInfo, error), popts []PagerOption) *Pager[Task] {
	if start < 0 {
		err := invalidf("page %d is negative", start)
		list = func(context.Context, int) (*TaskPage, fetchInfo, error) { return nil, fetchInfo{}, err }
	}
	return newPager(list, taskKey, start, popts)
}

// taskKey identifies a task across pages.
func taskKey(t *Task) string { return t.UUID }

// values checks the options and encodes them as a query.
func (o *ListSubsetTasksOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	return pagedQuery(o, o.Page, o.PerPage)
}
