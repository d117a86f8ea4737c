package agentapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// ListDialTimeGroupsOptions are the query parameters of ListDialTimeGroups.
// Zero values are left out of the request.
type ListDialTimeGroupsOptions struct {
	Page      int    `url:"page,omitempty"`        // page number, from 1
	SubUserID string `url:"sub_user_id,omitempty"` // the groups of this sub-account
}

// ListDialTimeGroups returns one page of userID's dial-time groups (the
// hours a task may call in): GET /agent-api/user/{user_id}/dial-time-group.
// opts may be nil.
func (c *Client) ListDialTimeGroups(ctx context.Context, userID string, opts *ListDialTimeGroupsOptions) (*Page[DialTimeGroup], error) {
	if err := checkID("user id", userID); err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	r := &request{method: http.MethodGet, path: dialTimePath(userID), query: q}
	p, _, err := getPage(ctx, c, r, func(b []byte, loc *time.Location) (envelope, []DialTimeGroup, error) {
		return decodeListPage(b, loc, (*decoder).dialTimeGroup)
	})
	return p, err
}

// CreateDialTimeGroup creates a dial-time group of userID:
// POST /agent-api/user/{user_id}/dial-time-group. It returns what the
// response's data held. in is checked before any request (see
// DialTimeGroupInput); a create is never sent twice (see CreateTask).
func (c *Client) CreateDialTimeGroup(ctx context.Context, userID string, in *DialTimeGroupInput) (*DialTimeGroup, error) {
	if err := checkID("user id", userID); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	return c.dialTimeCall(ctx, &request{method: http.MethodPost, path: dialTimePath(userID), body: in, class: retryCreate})
}

// UpdateDialTimeGroup replaces dial-time group groupID of userID:
// PUT /agent-api/user/{user_id}/dial-time-group/{group_id}. groupID must be
// positive; in is checked as for CreateDialTimeGroup.
func (c *Client) UpdateDialTimeGroup(ctx context.Context, userID string, groupID int, in *DialTimeGroupInput) (*DialTimeGroup, error) {
	if err := checkID("user id", userID); err != nil {
		return nil, err
	}
	if groupID <= 0 {
		return nil, invalidf("dial-time group id %d is not positive", groupID)
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	path := dialTimePath(userID) + "/" + strconv.Itoa(groupID)
	return c.dialTimeCall(ctx, &request{method: http.MethodPut, path: path, body: in})
}

// dialTimeCall sends r and decodes the group its data holds; data that is
// [], null or absent gives an empty *DialTimeGroup.
func (c *Client) dialTimeCall(ctx context.Context, r *request) (*DialTimeGroup, error) {
	v, _, err := getObject(ctx, c, r, func(b []byte, loc *time.Location) (envelope, *DialTimeGroup, error) {
		return decodeData(b, loc, (*decoder).dialTimeGroup)
	})
	if err == nil && v == nil {
		v = new(DialTimeGroup)
	}
	return v, err
}

// dialTimePath returns the path of userID's dial-time groups.
func dialTimePath(userID string) string { return "/agent-api/user/" + userID + "/dial-time-group" }

// values checks the options and encodes them as a query.
func (o *ListDialTimeGroupsOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	if o.Page < 0 {
		return nil, invalidf("page %d is negative", o.Page)
	}
	if o.SubUserID != "" {
		if err := checkID("sub_user_id", o.SubUserID); err != nil {
			return nil, err
		}
	}
	return encodeQuery(o)
}
