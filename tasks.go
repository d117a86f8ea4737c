package agentapi

import (
	"context"
	"fmt"
	"net/url"

	"github.com/google/go-querystring/query"
)

// ListSubsetTasksOptions are the query parameters of ListSubsetTasks and
// SubsetTasks. Zero values are left out of the request.
type ListSubsetTasksOptions struct {
	Page      int    `url:"page,omitempty"`        // page number, from 1; the server's default is 1
	PerPage   int    `url:"per_page,omitempty"`    // page size; the server's default is 15
	Name      string `url:"name,omitempty"`        // only tasks whose name contains this text
	SubUserID string `url:"sub_user_id,omitempty"` // only the tasks of this sub-account
}

// ListSubsetTasks returns one page of the tasks of userID and all its
// sub-accounts: GET /agent-api/new/user/{user_id}/subset_task.
//
// userID is escaped into one path segment; "", "." and ".." are refused, as
// are a negative Page or PerPage, with an error wrapping ErrInvalidArgument
// before any request. opts may be nil. A response that is not a success is an
// *APIError; see the package documentation for the retry policy.
func (c *Client) ListSubsetTasks(ctx context.Context, userID string, opts *ListSubsetTasksOptions) (*TaskPage, error) {
	path, err := subsetTaskPath(userID)
	if err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	return getPage(ctx, c, path, q, decodeTaskPage)
}

// SubsetTasks returns a Pager over every page of the tasks of userID and all
// its sub-accounts, starting at opts.Page (default 1) with opts.PerPage per
// page. opts is copied; it may be nil. Argument errors surface on the pager's
// first call.
func (c *Client) SubsetTasks(userID string, opts *ListSubsetTasksOptions, popts ...PagerOption) *Pager[Task] {
	var o ListSubsetTasksOptions
	if opts != nil {
		o = *opts
	}
	start := o.Page
	fetch := func(ctx context.Context, page int) (*TaskPage, fetchInfo, error) {
		po := o
		po.Page = page
		// Stopgap until the request path reports its 429s itself.
		ctx, throttled := withThrottleFlag(ctx)
		pg, err := c.ListSubsetTasks(ctx, userID, &po)
		var info fetchInfo
		if throttled.Load() {
			info.throttled = 1
		}
		return pg, info, err
	}
	return newPager(fetch, taskKey, start, popts)
}

// taskKey identifies a task across pages.
func taskKey(t *Task) string { return t.UUID }

// subsetTaskPath returns the escaped path of userID's subset_task endpoint.
func subsetTaskPath(userID string) (string, error) {
	switch userID {
	case "", ".", "..":
		return "", fmt.Errorf("agentapi: user id %q is not a valid path segment: %w", userID, ErrInvalidArgument)
	}
	// PathEscape keeps "/", "?", "#" and "%" from changing the path or query.
	return "/agent-api/new/user/" + url.PathEscape(userID) + "/subset_task", nil
}

// values checks the options and encodes them as a query.
func (o *ListSubsetTasksOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	// The server answers 500 to a negative page or per_page.
	if o.Page < 0 {
		return nil, fmt.Errorf("agentapi: page %d is negative: %w", o.Page, ErrInvalidArgument)
	}
	if o.PerPage < 0 {
		return nil, fmt.Errorf("agentapi: per_page %d is negative: %w", o.PerPage, ErrInvalidArgument)
	}
	q, err := query.Values(o)
	if err != nil {
		return nil, fmt.Errorf("agentapi: encoding options: %w", err)
	}
	return q, nil
}
