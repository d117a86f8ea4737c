package agentapi

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTaskInputJSON(t *testing.T) {
	full := sampleInput()
	full.SubUserID, full.BridgeGroupID, full.EnableType, full.IsCallIn = "sub-1", 1, 2, 1
	full.Remark, full.AutoRecycleRuleID, full.EndAction = "第一个任务", 7, 1
	full.BackgroundID, full.LLMIntentionID = 25, 3
	full.Extras.Line = []string{"29c39ec4-b292-4af9-a88b-922d61866sub"}
	full.Extras.Holiday = []Holiday{{Start: "2024-11-01 13:25", End: "2024-11-03 13:25"}}
	full.Extras.IntervalTime = 30

	extra := sampleInput()
	extra.Remark = "typed"
	extra.Extra = map[string]any{
		"is_group_switch": 2,
		"remark":          "from Extra",
		"task_extras": map[string]any{"start_time": "2024-11-01 13:25:26", "stop_time": "2025-11-01 13:25:26",
			"line": []any{map[string]any{"id": "XXXXX", "limit": 2}}, "holiday": []any{}},
	}

	tests := []struct {
		name string
		in   *TaskInput
		want string
	}{
		{"required only: optional keys left out, line and holiday []", sampleInput(), sampleBody},
		{"every field", full, `{"sub_user_id":"sub-1","name":"春季回访","destination_extension":297,"dial_time_id":5,
			"maximumcall":2,"bridge_group_id":1,"enable_type":2,"is_call_in":1,"remark":"第一个任务",
			"auto_recycle_rule_id":7,"end_action":1,"background_id":25,"llm_intention_id":3,
			"task_extras":{"start_time":"2025-03-01 09:00:00","stop_time":"2025-06-30 18:00:00",
			"line":["29c39ec4-b292-4af9-a88b-922d61866sub"],
			"holiday":[{"start":"2024-11-01 13:25","end":"2024-11-03 13:25"}],"interval_time":30}}`},
		{"Extra merged, replacing typed keys", extra, `{"name":"春季回访","destination_extension":297,"dial_time_id":5,
			"maximumcall":2,"remark":"from Extra","is_group_switch":2,
			"task_extras":{"start_time":"2024-11-01 13:25:26","stop_time":"2025-11-01 13:25:26",
			"line":[{"id":"XXXXX","limit":2}],"holiday":[]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(b))
			v, err := json.Marshal(*tt.in)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(v), "the value marshals as the pointer does")
		})
	}
	empty := TaskInputExtras{Line: []string{}, Holiday: []Holiday{}}
	b, err := json.Marshal(empty)
	require.NoError(t, err)
	assert.JSONEq(t, `{"start_time":null,"stop_time":null,"line":[],"holiday":[]}`, string(b))
}

// TestLifecycleArgumentsRefusedBeforeAnyRequest: every bad argument is an
// ErrInvalidArgument and the server sees nothing.
func TestLifecycleArgumentsRefusedBeforeAnyRequest(t *testing.T) {
	rec, c := newWireClient(t, emptyOK)
	ctx := context.Background()
	badIDs := []string{"", "../x", "a/b", "%2F", "..", "a b", "x?y", strings.Repeat("a", 129)}
	type call func(user, task string) error
	calls := map[string]call{
		"ListTasks":    func(u, _ string) error { _, err := c.ListTasks(ctx, u, nil); return err },
		"GetTaskSetup": func(u, _ string) error { _, err := c.GetTaskSetup(ctx, u, nil); return err },
		"CreateTask":   func(u, _ string) error { _, err := c.CreateTask(ctx, u, sampleInput()); return err },
		"GetTask":      func(u, k string) error { _, err := c.GetTask(ctx, u, k, nil); return err },
		"UpdateTask":   func(u, k string) error { _, err := c.UpdateTask(ctx, u, k, sampleInput()); return err },
		"PauseTask":    func(u, k string) error { return c.PauseTask(ctx, u, k, nil) },
		"CopyTask":     func(u, k string) error { _, err := c.CopyTask(ctx, u, k, nil); return err },
		"DeleteTask":   func(u, k string) error { return c.DeleteTask(ctx, u, k, nil) },
		"ListDialTimeGroups": func(u, _ string) error {
			_, err := c.ListDialTimeGroups(ctx, u, nil)
			return err
		},
		"CreateDialTimeGroup": func(u, _ string) error {
			_, err := c.CreateDialTimeGroup(ctx, u, sampleGroup())
			return err
		},
		"UpdateDialTimeGroup": func(u, _ string) error {
			_, err := c.UpdateDialTimeGroup(ctx, u, 1, sampleGroup())
			return err
		},
	}
	taskCalls := []string{"GetTask", "UpdateTask", "PauseTask", "CopyTask", "DeleteTask"}
	for name, fn := range calls {
		for _, id := range badIDs {
			assert.ErrorIs(t, fn(id, "t1"), ErrInvalidArgument, "%s user %q", name, id)
		}
	}
	for _, name := range taskCalls {
		for _, id := range badIDs {
			assert.ErrorIs(t, calls[name]("u1", id), ErrInvalidArgument, "%s task %q", name, id)
		}
	}
	badSub := &TaskOptions{SubUserID: "../x"}
	for name, err := range map[string]error{
		"GetTask sub":      func() error { _, err := c.GetTask(ctx, "u", "t", badSub); return err }(),
		"GetTaskSetup sub": func() error { _, err := c.GetTaskSetup(ctx, "u", badSub); return err }(),
		"PauseTask sub":    c.PauseTask(ctx, "u", "t", badSub),
		"CopyTask sub":     func() error { _, err := c.CopyTask(ctx, "u", "t", badSub); return err }(),
		"DeleteTask sub":   c.DeleteTask(ctx, "u", "t", badSub),
		"groups sub": func() error {
			_, err := c.ListDialTimeGroups(ctx, "u", &ListDialTimeGroupsOptions{SubUserID: "a/b"})
			return err
		}(),
		"groups page": func() error {
			_, err := c.ListDialTimeGroups(ctx, "u", &ListDialTimeGroupsOptions{Page: -1})
			return err
		}(),
		"group id 0":  func() error { _, err := c.UpdateDialTimeGroup(ctx, "u", 0, sampleGroup()); return err }(),
		"group id -3": func() error { _, err := c.UpdateDialTimeGroup(ctx, "u", -3, sampleGroup()); return err }(),
	} {
		assert.ErrorIs(t, err, ErrInvalidArgument, name)
	}
	for _, o := range []*ListTasksOptions{
		{Status: []TaskFilter{2}}, {Status: []TaskFilter{FilterPaused, 0}}, {Status: []TaskFilter{-1}},
		{Page: -1}, {PerPage: -5},
	} {
		_, err := c.ListTasks(ctx, "u", o)
		assert.ErrorIs(t, err, ErrInvalidArgument, "%+v", o)
		if o.Page >= 0 { // a walk starts at page 1 when Page < 1, as SubsetTasks does
			_, err = c.Tasks("u", o).Next(ctx)
			assert.ErrorIs(t, err, ErrInvalidArgument, "pager %+v", o)
		}
	}
	assert.Empty(t, rec.requests(), "a refused argument sends nothing")
}

func TestTaskInputChecks(t *testing.T) {
	rec, c := newWireClient(t, emptyOK)
	edit := func(f func(in *TaskInput)) *TaskInput { in := sampleInput(); f(in); return in }
	tests := map[string]*TaskInput{
		"nil":                  nil,
		"no name":              edit(func(in *TaskInput) { in.Name = "" }),
		"no script group":      edit(func(in *TaskInput) { in.DestinationExtension = 0 }),
		"negative script":      edit(func(in *TaskInput) { in.DestinationExtension = -4 }),
		"no dial-time group":   edit(func(in *TaskInput) { in.DialTimeID = 0 }),
		"negative dial-time":   edit(func(in *TaskInput) { in.DialTimeID = -1 }),
		"zero maximumcall":     edit(func(in *TaskInput) { in.MaximumCall = 0 }),
		"negative maximumcall": edit(func(in *TaskInput) { in.MaximumCall = -2 }),
		"no start time":        edit(func(in *TaskInput) { in.Extras.StartTime = Time{} }),
		"no stop time":         edit(func(in *TaskInput) { in.Extras.StopTime = Time{} }),
		"start equals stop":    edit(func(in *TaskInput) { in.Extras.StopTime = in.Extras.StartTime }),
		"start after stop": edit(func(in *TaskInput) {
			in.Extras.StartTime, in.Extras.StopTime = in.Extras.StopTime, in.Extras.StartTime
		}),
		"year 10000": edit(func(in *TaskInput) {
			in.Extras.StopTime = Time{in.Extras.StopTime.AddDate(8000, 0, 0)}
		}),
		"bad sub_user_id": edit(func(in *TaskInput) { in.SubUserID = "../x" }),
		"Extra not JSON":  edit(func(in *TaskInput) { in.Extra = map[string]any{"f": func() {}} }),
	}
	for name, in := range tests {
		_, err := c.CreateTask(context.Background(), "u", in)
		assert.ErrorIs(t, err, ErrInvalidArgument, "create: "+name)
		_, err = c.UpdateTask(context.Background(), "u", "t", in)
		assert.ErrorIs(t, err, ErrInvalidArgument, "update: "+name)
	}
	assert.Empty(t, rec.requests())
}

func TestDialTimeGroupInputChecks(t *testing.T) {
	rec, c := newWireClient(t, emptyOK)
	day := func(week int, r ...TimeRange) []DialTimeDay { return []DialTimeDay{{Week: week, Times: r}} }
	edit := func(f func(in *DialTimeGroupInput)) *DialTimeGroupInput { in := sampleGroup(); f(in); return in }
	tests := map[string]*DialTimeGroupInput{
		"nil":                   nil,
		"no name":               edit(func(in *DialTimeGroupInput) { in.Name = "" }),
		"no content":            edit(func(in *DialTimeGroupInput) { in.Content = nil }),
		"days without ranges":   edit(func(in *DialTimeGroupInput) { in.Content = []DialTimeDay{{Week: 1}, {Week: 2}} }),
		"week 7":                edit(func(in *DialTimeGroupInput) { in.Content = day(7, TimeRange{"09:00", "10:00"}) }),
		"week -1":               edit(func(in *DialTimeGroupInput) { in.Content = day(-1, TimeRange{"09:00", "10:00"}) }),
		"H:MM":                  edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"9:00", "10:00"}) }),
		"HH:MM:SS":              edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"09:00", "10:00:00"}) }),
		"minute 60":             edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"09:60", "10:00"}) }),
		"hour 25":               edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"09:00", "25:00"}) }),
		"24:30":                 edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"09:00", "24:30"}) }),
		"empty time":            edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"", "10:00"}) }),
		"full-width digits":     edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"０9:00", "10:00"}) }),
		"ends when it begins":   edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"10:00", "10:00"}) }),
		"ends before it begins": edit(func(in *DialTimeGroupInput) { in.Content = day(1, TimeRange{"18:00", "09:00"}) }),
		"bad range after good": edit(func(in *DialTimeGroupInput) {
			in.Content = day(1, TimeRange{"08:00", "09:00"}, TimeRange{"12:00", "11:00"})
		}),
		"bad sub_user_id": edit(func(in *DialTimeGroupInput) { in.SubUserID = "a/b" }),
	}
	for name, in := range tests {
		_, err := c.CreateDialTimeGroup(context.Background(), "u", in)
		assert.ErrorIs(t, err, ErrInvalidArgument, "create: "+name)
		_, err = c.UpdateDialTimeGroup(context.Background(), "u", 3, in)
		assert.ErrorIs(t, err, ErrInvalidArgument, "update: "+name)
	}
	assert.Empty(t, rec.requests())

	ok := edit(func(in *DialTimeGroupInput) {
		in.Content = []DialTimeDay{{Week: 0, Times: []TimeRange{{"00:00", "24:00"}}}, {Week: 6}}
	})
	_, err := c.CreateDialTimeGroup(context.Background(), "u", ok)
	assert.NoError(t, err, "00:00 to 24:00, and a day without ranges beside one with")
	assert.Len(t, rec.requests(), 1)
}
