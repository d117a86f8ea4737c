package agentapitest_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

const groupsPath = "/agent-api/user/u1/dial-time-group"

// groupBody is a valid group body, the vendor's create example.
func groupBody(name string) map[string]any {
	return map[string]any{
		"name": name,
		"content": []any{
			map[string]any{"week": 1, "times": []any{
				map[string]string{"begin_time": "08:00", "end_time": "20:00"},
				map[string]string{"begin_time": "20:30", "end_time": "22:00"},
			}},
			map[string]any{"week": 3, "times": []any{map[string]string{"begin_time": "08:00", "end_time": "12:00"}}},
		},
		"is_default": false, "skip_holiday": true,
	}
}

// groups lists the user's groups.
func groups(t testing.TB, s *agentapitest.Server, query string) (answer, []map[string]any) {
	t.Helper()
	a := decode(t, send(t, s, http.MethodGet, groupsPath+query, nil), http.StatusOK)
	var gs []map[string]any
	require.NoError(t, json.Unmarshal(a.Data, &gs))
	return a, gs
}

func TestDialTimeGroups(t *testing.T) {
	s := newServer(t)
	a, gs := groups(t, s, "?page=1")
	require.NotNil(t, a.Meta)
	assert.Equal(t, 1, a.Meta.Total)
	require.Len(t, gs, 1)
	assert.Equal(t, "系统呼叫时间", gs[0]["name"])
	assert.Equal(t, true, gs[0]["is_default"])
	assert.Equal(t, "u1", gs[0]["user_id"])

	created := decode(t, send(t, s, http.MethodPost, groupsPath, groupBody("周一周三拨打")), http.StatusOK)
	assert.Equal(t, "保存成功", created.Message)
	g := object(t, created.Data)
	id := int(g["id"].(float64))
	assert.Equal(t, agentapitest.DefaultDialTimeGroupID+1, id)
	for _, k := range []string{"id", "name", "user_id", "content", "is_default", "skip_holiday", "remark", "created_at", "updated_at"} {
		assert.Contains(t, g, k)
	}
	assert.Equal(t, true, g["skip_holiday"])

	// Update: name required, the rest kept when left out; a default group
	// takes the flag from the others.
	updated := decode(t, send(t, s, http.MethodPut, groupsPath+"/"+strconv.Itoa(id),
		map[string]any{"name": "改名", "is_default": true}), http.StatusOK)
	assert.Equal(t, "修改成功", updated.Message)
	u := object(t, updated.Data)
	assert.Equal(t, "改名", u["name"])
	assert.Equal(t, g["content"], u["content"])
	assert.Equal(t, true, u["skip_holiday"])
	_, gs = groups(t, s, "")
	require.Len(t, gs, 2)
	assert.Equal(t, false, gs[0]["is_default"])
	assert.Equal(t, true, gs[1]["is_default"])

	// The setup endpoint offers the same groups; a task on the group takes its hours.
	setup := object(t, decode(t, send(t, s, http.MethodGet, newBase+"u1/task/create", nil), http.StatusOK).Data)
	assert.Len(t, setup["task_dial_times"], 2)
	body := taskBody("按组")
	body["dial_time_id"] = id
	task := object(t, decode(t, send(t, s, http.MethodPost, newBase+"u1/task", body), http.StatusOK).Data)
	extras := task["task_extras"].(map[string]any)
	assert.Equal(t, []any{1.0, 3.0}, extras["work_week"])
	assert.Len(t, extras["work_hour"], 3)
	remote := task["new_task_extra"].(map[string]any)
	assert.Equal(t, "1", remote["work_hour"].([]any)[0].(map[string]any)["wday"], "a string on the remote side")

	// Paged as the task list.
	for range 20 {
		decode(t, send(t, s, http.MethodPost, groupsPath, groupBody("g")), http.StatusOK)
	}
	a, gs = groups(t, s, "?page=2")
	assert.Equal(t, 22, a.Meta.Total)
	assert.Equal(t, 2, a.Meta.LastPage)
	assert.Len(t, gs, 7)
}

func TestDialTimeGroupValidation(t *testing.T) {
	s := newServer(t)
	with := func(edit func(m map[string]any)) map[string]any {
		m := groupBody("g")
		edit(m)
		return m
	}
	day := func(m map[string]any) map[string]any { return m["content"].([]any)[0].(map[string]any) }
	rng := func(m map[string]any) map[string]string {
		return day(m)["times"].([]any)[0].(map[string]string)
	}
	tests := []struct {
		name string
		body map[string]any
		want map[string][]string
	}{
		{"no name", with(func(m map[string]any) { delete(m, "name") }),
			map[string][]string{"name": {"The name field is required."}}},
		{"empty content", with(func(m map[string]any) { m["content"] = []any{} }),
			map[string][]string{"content": {"The content field is required."}}},
		{"week 7", with(func(m map[string]any) { day(m)["week"] = 7 }),
			map[string][]string{"content.0.week": {"The content.0.week must be between 0 and 6."}}},
		{"no times", with(func(m map[string]any) { day(m)["times"] = []any{} }),
			map[string][]string{"content.0.times": {"The content.0.times field is required."}}},
		{"bad clock", with(func(m map[string]any) { rng(m)["begin_time"] = "8:00" }),
			map[string][]string{"content.0.times.0.begin_time": {"The content.0.times.0.begin time does not match the format H:i."}}},
		{"ends before it begins", with(func(m map[string]any) { rng(m)["end_time"] = "07:00" }),
			map[string][]string{"content.0.times.0.end_time": {"The content.0.times.0.end time must be a date after content.0.times.0.begin time."}}},
		{"no flags", with(func(m map[string]any) { delete(m, "is_default"); m["skip_holiday"] = "yes" }),
			map[string][]string{"is_default": {"The is default field is required."}, "skip_holiday": {"The skip holiday field must be true or false."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := decode(t, send(t, s, http.MethodPost, groupsPath, tt.body), http.StatusUnprocessableEntity)
			assert.Equal(t, "The given data was invalid.", a.Message)
			assert.Equal(t, tt.want, a.Errors)
		})
	}
	a := decode(t, send(t, s, http.MethodPut, groupsPath+"/96", map[string]any{"content": []any{}}), http.StatusUnprocessableEntity)
	assert.Equal(t, map[string][]string{"name": {"The name field is required."}, "content": {"The content field is required."}}, a.Errors)
	_, gs := groups(t, s, "")
	assert.Len(t, gs, 1, "nothing stored")
}
