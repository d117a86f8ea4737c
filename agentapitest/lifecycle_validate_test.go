package agentapitest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

func TestTaskValidation(t *testing.T) {
	s := newServer(t)
	with := func(edit func(m map[string]any)) map[string]any {
		m := taskBody("x")
		edit(m)
		return m
	}
	extras := func(m map[string]any) map[string]any { return m["task_extras"].(map[string]any) }
	tests := []struct {
		name string
		body any
		want map[string][]string
	}{
		{"no name", with(func(m map[string]any) { delete(m, "name") }),
			map[string][]string{"name": {"The name field is required."}}},
		{"zero lines", with(func(m map[string]any) { m["maximumcall"] = 0 }),
			map[string][]string{"maximumcall": {"The maximumcall must be at least 1."}}},
		{"script group a word", with(func(m map[string]any) { m["destination_extension"] = "abc" }),
			map[string][]string{"destination_extension": {"The destination extension must be an integer."}}},
		{"stop before start", with(func(m map[string]any) { extras(m)["stop_time"] = "2024-01-01 00:00:00" }),
			map[string][]string{"task_extras.stop_time": {"The task extras.stop time must be a date after task extras.start time."}}},
		{"no line", with(func(m map[string]any) { delete(extras(m), "line") }),
			map[string][]string{"task_extras.line": {"The task extras.line field must be present."}}},
		{"no holiday", with(func(m map[string]any) { delete(extras(m), "holiday") }),
			map[string][]string{"task_extras.holiday": {"The task extras.holiday field must be present."}}},
		{"no extras", with(func(m map[string]any) { delete(m, "task_extras") }), map[string][]string{
			"task_extras":            {"The task extras field is required."},
			"task_extras.start_time": {"The task extras.start time field is required."},
			"task_extras.stop_time":  {"The task extras.stop time field is required."},
			"task_extras.line":       {"The task extras.line field must be present."},
			"task_extras.holiday":    {"The task extras.holiday field must be present."},
		}},
		{"not JSON", "name=x", map[string][]string{
			"name":                   {"The name field is required."},
			"destination_extension":  {"The destination extension field is required."},
			"dial_time_id":           {"The dial time id field is required."},
			"maximumcall":            {"The maximumcall field is required."},
			"task_extras":            {"The task extras field is required."},
			"task_extras.start_time": {"The task extras.start time field is required."},
			"task_extras.stop_time":  {"The task extras.stop time field is required."},
			"task_extras.line":       {"The task extras.line field must be present."},
			"task_extras.holiday":    {"The task extras.holiday field must be present."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := decode(t, send(t, s, http.MethodPost, newBase+"u1/task", tt.body), http.StatusUnprocessableEntity)
			assert.Equal(t, "The given data was invalid.", a.Message)
			assert.Equal(t, tt.want, a.Errors)
		})
	}
	assert.Equal(t, 0, s.TaskCount("u1"), "nothing created")

	// Newer shapes: lines as {"id","limit"} objects, holidays with "begin".
	body := taskBody("new shape")
	extras(body)["line"] = []any{map[string]any{"id": "l-1", "limit": 2}}
	extras(body)["holiday"] = []any{map[string]any{"begin": "2024-11-01 13:25", "end": "2024-11-03 13:25"}}
	a := decode(t, send(t, s, http.MethodPost, newBase+"u1/task", body), http.StatusOK)
	st, ok := s.Task("u1", object(t, a.Data)["uuid"].(string))
	require.True(t, ok)
	assert.Equal(t, []string{"l-1"}, st.Lines)

	// A sub-account owns what it creates; another user's id is refused.
	body = taskBody("sub")
	body["sub_user_id"] = agentapitest.SubAccounts("u1")[1]
	a = decode(t, send(t, s, http.MethodPost, newBase+"u1/task", body), http.StatusOK)
	assert.Equal(t, agentapitest.SubAccounts("u1")[1], object(t, a.Data)["user_id"])
	body["sub_user_id"] = "stranger"
	a = decode(t, send(t, s, http.MethodPost, newBase+"u1/task", body), http.StatusUnprocessableEntity)
	assert.Equal(t, map[string][]string{"sub_user_id": {"The selected sub user id is invalid."}}, a.Errors)
}
