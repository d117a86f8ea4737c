package agentapi

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/f703e656/agentapi/internal/jsonwire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fixtures of this file are the vendor's examples (vendor-api/endpoints):
// task_edit.json and task_create_init.json completed where the stored copy
// was cut short, dial_time_group_update.json verbatim, and
// dial_time_group_list.json built from the update's item shape with the PHP
// quirks added (the vendor shows no list example).

func TestDecodeTaskEdit(t *testing.T) {
	body := readFixture(t, "task_edit.json")
	env, task, err := decodeData(body, defaultZone(), (*decoder).task)
	require.NoError(t, err)
	assert.Equal(t, "返回任务信息成功", env.Message)
	require.NotNil(t, task)

	assert.Equal(t, "测试api接口创建-测试站-2", task.Name)
	assert.Equal(t, "480", task.DestinationExtension)
	assert.Equal(t, "测试222", task.DestinationExtensionName)
	assert.Equal(t, "", task.CallerLineID, "null")
	assert.Equal(t, "", task.CallerLineName, "null")
	assert.True(t, task.CallStatus)
	assert.False(t, task.ElasticityTask)
	assert.Equal(t, 3, task.StatusCode)
	assert.Equal(t, 223, task.DialTimeID)
	assert.True(t, task.Enable, "no top-level enable: new_task_extra.enable stands in")
	assert.Equal(t, DeriveStatus(task.Enable, task.NewTaskExtra), task.Status())

	require.NotNil(t, task.NewTaskExtra)
	assert.Equal(t, []Holiday{{Start: "2024-11-01 13:25", End: "2024-11-03 13:25"}}, task.NewTaskExtra.Holiday)
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 0}, task.NewTaskExtra.WorkWeek)
	assert.Equal(t, -1, task.NewTaskExtra.WorkHour[1].Wday)
	require.NotNil(t, task.TaskExtras)
	assert.Equal(t, []Holiday{{Start: "2024-11-01 13:25", End: "2024-11-03 13:25"}}, task.TaskExtras.Holiday)
	assert.Equal(t, WorkHour{Wday: 2, Begin: "02:30", End: "07:00"}, task.TaskExtras.WorkHour[2])
	assert.Equal(t, at(2024, 11, 1, 13, 25, 26), task.TaskExtras.StartTime)
	assert.Equal(t, compact(t, body), `{"code":200,"status":"success","message":"返回任务信息成功","data":`+compact(t, task.Raw)+`}`)
}

func TestDecodeTaskEnable(t *testing.T) {
	for _, tc := range []struct {
		members string
		want    bool
	}{
		{`"new_task_extra":{"enable":true}`, true},
		{`"new_task_extra":{"enable":"1"}`, true},
		{`"enable":false,"new_task_extra":{"enable":true}`, false},
		{`"new_task_extra":{"enable":true},"enable":0`, false},
		{`"new_task_extra":[]`, false},
	} {
		task, err := decodeMembers(tc.members)
		require.NoError(t, err, tc.members)
		assert.Equal(t, tc.want, task.Enable, tc.members)
	}
}

func TestDecodeTaskSetup(t *testing.T) {
	body := readFixture(t, "task_create_init.json")
	_, setup, err := decodeData(body, defaultZone(), (*decoder).taskSetup)
	require.NoError(t, err)
	require.Len(t, setup.DialTimeGroups, 1)
	g := setup.DialTimeGroups[0]
	assert.Equal(t, 1, g.ID)
	assert.Equal(t, "系统呼叫时间", g.Name)
	assert.Equal(t, "b6d94bef-5ac2-4c6e-ba13-d2f8f124862b", g.UserID)
	assert.True(t, g.IsDefault)
	assert.Equal(t, at(2024, 6, 16, 14, 57, 12), g.CreatedAt)
	require.Len(t, g.Content, 7)
	assert.Equal(t, DialTimeDay{Week: 6, Times: []TimeRange{{Begin: "09:00", End: "12:00"}, {Begin: "13:00", End: "18:00"}}}, g.Content[6])
	assert.True(t, json.Valid(g.Raw))
	assert.Equal(t, []CallerLine{{
		Remark: "yw代理-测试主账户1", LineID: "29c39ec4-b292-4af9-a88b-922d61866aag",
		BelongUser: "b0e353f1-03db-4811-96e9-5fdf00000000", Raw: setup.CallerLines[0].Raw,
	}}, setup.CallerLines)
	assert.Contains(t, string(setup.Raw), `"script_groups"`, "Raw keeps what the SDK does not model")
}

func TestDecodeDialTimeGroups(t *testing.T) {
	env, groups, err := decodeListPage(readFixture(t, "dial_time_group_list.json"), defaultZone(), (*decoder).dialTimeGroup)
	require.NoError(t, err)
	assert.Equal(t, PageMeta{Total: 2, LastPage: 1, CurrentPage: 1, PerPage: 15}, env.Meta)
	require.Len(t, groups, 2)
	assert.Equal(t, []DialTimeDay{{Week: 5, Times: []TimeRange{{"08:00", "20:00"}, {"20:30", "22:00"}}}}, groups[0].Content)
	assert.True(t, groups[0].SkipHoliday)

	q := groups[1]
	assert.Equal(t, 473, q.ID, "id as a string")
	assert.False(t, q.IsDefault, "0")
	assert.True(t, q.SkipHoliday, `"1"`)
	assert.Equal(t, []DialTimeDay{{Week: 1, Times: []TimeRange{{"09:00", "12:00"}, {"13:00", "18:00"}}}}, q.Content,
		"content JSON-encoded, week a string, times a PHP list")
	assert.Equal(t, at(2022, 1, 14, 15, 22, 22), q.CreatedAt)
	assert.True(t, q.UpdatedAt.IsZero())

	_, g, err := decodeData(readFixture(t, "dial_time_group_update.json"), defaultZone(), (*decoder).dialTimeGroup)
	require.NoError(t, err)
	assert.Equal(t, 472, g.ID)
	assert.Equal(t, groups[0].Content, g.Content)
	var back DialTimeGroup
	require.NoError(t, json.Unmarshal(g.Raw, &back))
	assert.Equal(t, *g, back, "UnmarshalJSON reads what decodeData reads")
}

func TestDecodeLifecycleErrors(t *testing.T) {
	for _, tc := range []struct {
		body, path, msg string
	}{
		{`{"code":200,"data":{"id":1,"content":"[{\"week\":\"x\"}]"}}`, "data.content[0].week", `string "x" is not an integer`},
		{`{"code":200,"data":{"content":"[{}"}}`, "data.content[0]", "unexpected end of input after a value at offset 3"},
		{`{"code":200,"data":{"content":"[] x"}}`, "data.content", `unexpected 'x' after the encoded content at offset 3`},
		{`{"code":200,"data":{"content":{"a":{}}}}`, "data.content", `key "a" is not a list index`},
		{`{"code":200,"data":{"content":[{"times":[{"begin_time":{}}]}]}}`, "data.content[0].times[0].begin_time", "an object is not a string"},
		{`{"code":200,"data":{"is_default":"maybe"}}`, "data.is_default", `string "maybe" is not a boolean`},
	} {
		_, _, err := decodeData([]byte(tc.body), defaultZone(), (*decoder).dialTimeGroup)
		require.ErrorIs(t, err, ErrMalformedResponse, tc.body)
		var jerr *jsonwire.Error
		require.True(t, errors.As(err, &jerr), tc.body)
		assert.Equal(t, tc.path, jerr.Path, tc.body)
		assert.Equal(t, tc.msg, jerr.Msg, tc.body)
		assert.Equal(t, "agentapi: malformed response: "+tc.path+": "+tc.msg, err.Error())
	}
	_, _, err := decodeListPage([]byte(`{"code":200,"data":[1]}`), defaultZone(), (*decoder).callerLine)
	assert.EqualError(t, err, "agentapi: malformed response: data[0]: number 1 is not a caller line object")
}

func TestDecodeDataEmptyForms(t *testing.T) {
	for _, body := range []string{
		`{"code":200,"data":[]}`, `{"code":200,"data":null}`, `{"code":200,"data":{}}`,
		`{"code":200,"message":"ok"}`, `{"data":[]}`, `{"data":{"uuid":"x"},"code":200,"data":[ ]}`,
	} {
		env, task, err := decodeData([]byte(body), defaultZone(), (*decoder).task)
		require.NoError(t, err, body)
		require.NotNil(t, task, body)
		assert.Equal(t, Task{}, *task, body)
		assert.Equal(t, env.HasCode, env.Code == 200, body)
	}
	env, task, err := decodeData([]byte(`{"code":6007,"message":"2.0任务启动中,请先停止任务","data":{"uuid":1.5}}`), defaultZone(), (*decoder).task)
	require.NoError(t, err, "the caller maps the code")
	assert.Nil(t, task)
	assert.Equal(t, 6007, env.Code)
	assert.Equal(t, "2.0任务启动中,请先停止任务", env.Message)

	_, _, err = decodeData([]byte(`{"status":"success"}`), defaultZone(), (*decoder).task)
	assert.ErrorIs(t, err, ErrMalformedResponse, "neither code nor data")
	_, _, err = decodeData([]byte(`{"code":200,"data":"x"}`), defaultZone(), (*decoder).task)
	assert.EqualError(t, err, `agentapi: malformed response: data: string "x" is not a task object`)
}
