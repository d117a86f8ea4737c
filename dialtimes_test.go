package agentapi

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleGroup is the vendor's own create example (POST_dial_time_group_create).
func sampleGroup() *DialTimeGroupInput {
	return &DialTimeGroupInput{Name: "周一周三拨打", SkipHoliday: true, Content: []DialTimeDay{
		{Week: 1, Times: []TimeRange{{"08:00", "20:00"}, {"20:30", "22:00"}}},
		{Week: 3, Times: []TimeRange{{"08:00", "12:00"}, {"20:30", "22:00"}}},
	}}
}

// sampleGroupBody is sampleGroup's JSON, as the vendor's example sends it:
// is_default false is sent, not left out.
const sampleGroupBody = `{"name":"周一周三拨打","content":[
	{"week":1,"times":[{"begin_time":"08:00","end_time":"20:00"},{"begin_time":"20:30","end_time":"22:00"}]},
	{"week":3,"times":[{"begin_time":"08:00","end_time":"12:00"},{"begin_time":"20:30","end_time":"22:00"}]}],
	"is_default":false,"skip_holiday":true}`

func TestDialTimeGroupsWire(t *testing.T) {
	const path = "/agent-api/user/u-1/dial-time-group"
	withSub := sampleGroup()
	withSub.SubUserID, withSub.IsDefault = "dc53e7e7-3a68-40ae-adfe-63fc00e401d3", true
	assertWire(t, []wireCase{
		{"list", func(ctx context.Context, c *Client) error {
			_, err := c.ListDialTimeGroups(ctx, "u-1", &ListDialTimeGroupsOptions{Page: 2, SubUserID: "s_2"})
			return err
		}, "GET", path, url.Values{"page": {"2"}, "sub_user_id": {"s_2"}}, ""},
		{"list nil options", func(ctx context.Context, c *Client) error {
			_, err := c.ListDialTimeGroups(ctx, "u-1", nil)
			return err
		}, "GET", path, nil, ""},
		{"create", func(ctx context.Context, c *Client) error {
			_, err := c.CreateDialTimeGroup(ctx, "u-1", sampleGroup())
			return err
		}, "POST", path, nil, sampleGroupBody},
		{"create for a sub-account", func(ctx context.Context, c *Client) error {
			_, err := c.CreateDialTimeGroup(ctx, "u-1", withSub)
			return err
		}, "POST", path, nil, `{"sub_user_id":"dc53e7e7-3a68-40ae-adfe-63fc00e401d3","name":"周一周三拨打","content":[
			{"week":1,"times":[{"begin_time":"08:00","end_time":"20:00"},{"begin_time":"20:30","end_time":"22:00"}]},
			{"week":3,"times":[{"begin_time":"08:00","end_time":"12:00"},{"begin_time":"20:30","end_time":"22:00"}]}],
			"is_default":true,"skip_holiday":true}`},
		{"update", func(ctx context.Context, c *Client) error {
			_, err := c.UpdateDialTimeGroup(ctx, "u-1", 472, sampleGroup())
			return err
		}, "PUT", path + "/472", nil, sampleGroupBody},
	})
}

func TestDialTimeGroupsDecode(t *testing.T) {
	_, c := newWireClient(t, string(readFixture(t, "dial_time_group_list.json")))
	p, err := c.ListDialTimeGroups(context.Background(), "u", nil)
	require.NoError(t, err)
	assert.Equal(t, 2, p.Meta.Total)
	require.Len(t, p.Items, 2)
	assert.Equal(t, 473, p.Items[1].ID, "id as a string")
	assert.Equal(t, []DialTimeDay{{Week: 1, Times: []TimeRange{{"09:00", "12:00"}, {"13:00", "18:00"}}}}, p.Items[1].Content,
		"content JSON-encoded, week a string")

	_, c = newWireClient(t, string(readFixture(t, "dial_time_group_update.json")))
	g, err := c.UpdateDialTimeGroup(context.Background(), "u", 472, sampleGroup())
	require.NoError(t, err)
	assert.Equal(t, 472, g.ID)
	assert.Equal(t, "代理测试1", g.Name)
	assert.True(t, g.IsDefault)
	assert.Equal(t, at(2022, 1, 18, 16, 27, 26), g.UpdatedAt)
	assert.Equal(t, []DialTimeDay{{Week: 5, Times: []TimeRange{{"08:00", "20:00"}, {"20:30", "22:00"}}}}, g.Content)

	for _, body := range []string{
		`{"code":200,"status":"success","message":"保存成功","data":[]}`,
		`{"code":200,"status":"success","message":"保存成功","data":null}`,
		`{"code":200,"status":"success","message":"保存成功"}`,
	} {
		_, c := newWireClient(t, body)
		g, err := c.CreateDialTimeGroup(context.Background(), "u", sampleGroup())
		require.NoError(t, err, body)
		require.NotNil(t, g, body)
		assert.Equal(t, DialTimeGroup{}, *g, body)
	}
	_, c = newWireClient(t, `{"code":200,"message":"保存成功","data":{"id":"9","name":"周末","content":[{"week":"6","times":[{"begin_time":"10:00","end_time":"16:00"}]}],"is_default":0,"skip_holiday":"1"}}`)
	g, err = c.CreateDialTimeGroup(context.Background(), "u", sampleGroup())
	require.NoError(t, err)
	assert.Equal(t, 9, g.ID)
	assert.Equal(t, []DialTimeDay{{Week: 6, Times: []TimeRange{{"10:00", "16:00"}}}}, g.Content, "week as a string")
	assert.True(t, g.SkipHoliday)
}
