package agentapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTaskJSONRoundTrip(t *testing.T) {
	for _, name := range []string{"subset_task_example.json", "quirks_php.json", "data_before_code.json"} {
		_, tasks, err := decodeTaskPage(readFixture(t, name), defaultZone())
		require.NoError(t, err)
		for _, task := range tasks {
			out, err := json.Marshal(task)
			require.NoError(t, err)
			var keys map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(out, &keys))
			assert.Len(t, keys, 60, "the API's keys, and no Raw")
			for _, k := range []string{"uuid", "_originate_timeout", "new_task_extra", "status"} {
				assert.Contains(t, keys, k)
			}

			var back Task
			require.NoError(t, json.Unmarshal(out, &back))
			assert.Equal(t, compact(t, out), compact(t, back.Raw), "Raw is a copy of the input")
			again, err := json.Marshal(back)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(again), "%s: %s", name, task.Name)
			if name != "quirks_php.json" { // json.Marshal compacts the raw values of that one
				back.Raw, task.Raw = nil, nil
				assert.Equal(t, task, back, "%s: %s", name, task.Name)
			}
		}
	}
}

func TestUnmarshalJSONMethods(t *testing.T) {
	var page struct {
		Meta PageMeta `json:"meta"`
		Data []Task   `json:"data"`
	}
	body := readFixture(t, "subset_task_example.json")
	require.NoError(t, json.Unmarshal(body, &page), "json.Unmarshal gets the same tolerance")
	assert.Equal(t, 1, page.Meta.PerPage)
	require.Len(t, page.Data, 1)
	assert.Equal(t, -1, page.Data[0].NewTaskExtra.WorkHour[0].Wday)
	assert.True(t, bytes.Contains(body, page.Data[0].Raw))

	var meta PageMeta
	require.NoError(t, json.Unmarshal([]byte(`[]`), &meta))
	assert.Equal(t, PageMeta{}, meta)
	var hour WorkHour
	require.NoError(t, json.Unmarshal([]byte(`{"wday":"-1","begin":"09:00"}`), &hour))
	assert.Equal(t, WorkHour{Wday: -1, Begin: "09:00"}, hour)
	group := TaskGroup{ID: 7}
	require.NoError(t, json.Unmarshal([]byte(`null`), &group), "null leaves the value alone")
	assert.Equal(t, TaskGroup{ID: 7}, group)
	var extra NewTaskExtra
	require.NoError(t, json.Unmarshal([]byte(`{"call_status":"1","work_week":{"1":3,"0":2}}`), &extra))
	assert.Equal(t, NewTaskExtra{CallStatus: true, WorkWeek: []int{2, 3}}, extra)
	var extras TaskExtras
	require.NoError(t, json.Unmarshal([]byte(`{}`), &extras))
	assert.Equal(t, TaskExtras{}, extras)

	for _, tc := range []struct {
		target any
		body   string
		path   string
	}{
		{&Task{}, `{"new_task_extra":{"work_hour":[{"wday":"x"}]}}`, "new_task_extra.work_hour[0].wday"},
		{&Task{}, `[1]`, "is not a task object"},
		{&TaskExtras{}, `{"work_week":[1.5]}`, "work_week[0]: number 1.5 is not an integer"},
		{&NewTaskExtra{}, `"x"`, `string "x" is not an object`},
		{&WorkHour{}, `{"begin":{}}`, "begin: an object is not a string"},
		{&TaskGroup{}, `[1]`, "a non-empty list is not an object"},
		{&PageMeta{}, `{"total":"many"}`, `total: string "many" is not an integer`},
	} {
		err := json.Unmarshal([]byte(tc.body), tc.target)
		require.Error(t, err, tc.body)
		assert.True(t, errors.Is(err, ErrMalformedResponse), "%s: %v", tc.body, err)
		assert.Contains(t, err.Error(), tc.path)
	}
}
