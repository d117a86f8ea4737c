package agentapi

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/f703e656/agentapi/internal/jsonwire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// at is a Time in the API's zone.
func at(year int, month time.Month, day, hour, minute, sec int) Time {
	return Time{time.Date(year, month, day, hour, minute, sec, 0, defaultZone())}
}

// readFixture returns a file of testdata.
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return b
}

// compact returns b without insignificant white space.
func compact(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, json.Compact(&buf, b))
	return buf.String()
}

// seedTask is the task of testdata/subset_task_example.json, field by field.
func seedTask() Task {
	hours := make([]WorkHour, 0, 14)
	for wday := 0; wday <= 6; wday++ {
		hours = append(hours, WorkHour{Wday: wday, Begin: "09:00", End: "12:00"},
			WorkHour{Wday: wday, Begin: "13:00", End: "18:00"})
	}
	return Task{
		UUID: "dc7dd781-6d8a-42b1-9402-6d57636a8513", Name: "子账户",
		CreateDatetime: at(2024, 9, 2, 21, 45, 18), AlterDatetime: at(2024, 9, 2, 21, 45, 18),
		MaximumCall: 10, CallPerSecond: 10, DialTimeID: 96,
		DestinationExtension: "101", DestinationDialplan: "XML", DestinationContext: "default",
		DialFormat: "user/0000", Sort: 3, OriginateVariables: "{execute_on_media=start_da}",
		OriginateTimeout: 60, OriginationCallerIDNumber: "20101",
		UserID: "4e92e425-036e-4759-b594-ee6911605533", AutoRecycleRuleID: 94,
		CallNotifyType: 2, EndAction: 1, TaskType: 6,
		TaskExtras: &TaskExtras{
			Line:      []json.RawMessage{},
			StartTime: at(2024, 11, 1, 13, 25, 26), StopTime: at(2025, 11, 1, 13, 25, 26),
			WorkHour: hours, WorkWeek: []int{0, 1, 2, 3, 4, 5, 6},
		},
		StatusStr: "停止",
		NewTaskExtra: &NewTaskExtra{
			Name: "测试接口更新任务", Line: []json.RawMessage{}, Limit: 1, CPS: 1,
			StartTime: at(2024, 11, 1, 13, 25, 26), StopTime: at(2025, 11, 1, 13, 25, 26),
			WorkWeek:             []int{0, 1, 2, 3, 4, 5, 6},
			WorkHour:             []WorkHour{{Wday: -1, Begin: "09:00", End: "12:00"}, {Wday: -1, Begin: "13:00", End: "18:00"}},
			DestinationExtension: "105", CallInfo: []json.RawMessage{},
		},
		Group:      &TaskGroup{ID: 101, Name: "测试2222"},
		StatusCode: 1,
	}
}

func TestDecodeTaskPageSeedExample(t *testing.T) {
	body := readFixture(t, "subset_task_example.json")
	env, tasks, err := decodeTaskPage(body, defaultZone())
	require.NoError(t, err)
	require.Len(t, tasks, 1)

	assert.Equal(t, envelope{Code: 200, HasCode: true, Message: "返回所有子账号的任务列表信息成功", HasData: true,
		Meta: PageMeta{HasPages: true, Total: 3, LastPage: 3, CurrentPage: 1, PerPage: 1}}, env)

	got := tasks[0]
	var seed struct{ Data []json.RawMessage }
	require.NoError(t, json.Unmarshal(body, &seed))
	assert.Equal(t, compact(t, seed.Data[0]), compact(t, got.Raw), "Raw is the task's object as received")
	assert.True(t, bytes.Contains(body, got.Raw), "Raw is byte for byte the task's span of the body")
	got.Raw = nil
	assert.Equal(t, seedTask(), got)

	// The points the contract calls out, spelled out.
	assert.Equal(t, -1, got.NewTaskExtra.WorkHour[0].Wday, `wday "-1"`)
	assert.Equal(t, "2024-09-02 21:45:18 +0800", got.CreateDatetime.Format("2006-01-02 15:04:05 -0700"))
	assert.Nil(t, got.DisableDialTimegroup, "null raw value")
	assert.NotNil(t, got.TaskExtras.Line, "[] is an empty, non-nil list")
	assert.Empty(t, got.TaskExtras.Line)
	assert.True(t, got.DeletedAt.IsZero())
	assert.Equal(t, StatusPaused, got.Status())
}

func TestDecodeTaskPageQuirksFixture(t *testing.T) {
	env, tasks, err := decodeTaskPage(readFixture(t, "quirks_php.json"), defaultZone())
	require.NoError(t, err)
	assert.Equal(t, 200, env.Code)
	assert.Equal(t, PageMeta{HasPages: true, Total: 3, LastPage: 1, CurrentPage: 1, PerPage: 15}, env.Meta)
	require.Len(t, tasks, 3)
	assert.Equal(t, []string{"PHP 数组过滤后的任务", "空的远程任务", "Laravel 时间与异常任务"},
		[]string{tasks[0].Name, tasks[1].Name, tasks[2].Name}, "data's numeric keys in order")

	php := tasks[0]
	assert.True(t, php.Enable)
	assert.Equal(t, 20, php.MaximumCall)
	assert.Equal(t, 10, php.CallPerSecond, `"10.00"`)
	assert.Equal(t, 3, php.Sort, "3.0")
	assert.Equal(t, "101", php.DestinationExtension, "a number where a string belongs")
	assert.Equal(t, "20101", php.OriginationCallerIDNumber)
	assert.Equal(t, "备注\n第二行", php.Remark)
	assert.False(t, php.IsTest)
	assert.Equal(t, 1, php.IsTop)
	assert.Equal(t, 2, php.StatusCode)
	assert.True(t, php.DeletedAt.IsZero())
	assert.True(t, php.RestartAt.IsZero())
	assert.Equal(t, `[]`, string(php.DisableDialTimegroup))
	assert.Equal(t, `{"1": 50, "2": 50}`, string(php.SchedulingPolicyRatio), "raw values keep their bytes")
	assert.Nil(t, php.Group, "group []")
	require.NotNil(t, php.TaskExtras)
	assert.Equal(t, []json.RawMessage{json.RawMessage(`{"id": 7, "name": "线路A"}`), json.RawMessage(`{"id": 8, "name": "线路B"}`)},
		php.TaskExtras.Line)
	assert.Equal(t, []WorkHour{{Wday: 1, Begin: "09:00", End: "12:00"}, {Wday: 1, Begin: "13:00", End: "18:00"}},
		php.TaskExtras.WorkHour)
	assert.Equal(t, []int{1, 2, 4}, php.TaskExtras.WorkWeek)
	require.NotNil(t, php.NewTaskExtra)
	assert.True(t, php.NewTaskExtra.Enable)
	assert.True(t, php.NewTaskExtra.CallStatus)
	assert.Equal(t, []int{1, 2, 4}, php.NewTaskExtra.WorkWeek)
	assert.Equal(t, 12, php.NewTaskExtra.NumberCount)
	assert.Equal(t, []json.RawMessage{}, php.NewTaskExtra.CallInfo, "{} as a list")
	assert.Equal(t, StatusDialing, php.Status())

	empty := tasks[1]
	assert.Nil(t, empty.TaskExtras)
	assert.Nil(t, empty.NewTaskExtra, "new_task_extra {}")
	assert.Nil(t, empty.Group)
	assert.Equal(t, StatusAbnormal, empty.Status())

	laravel := tasks[2]
	assert.Equal(t, at(2024, 9, 2, 21, 45, 18), laravel.CreateDatetime, "RFC 3339 in UTC, shown in the zone")
	assert.Equal(t, at(2024, 9, 2, 21, 45, 18), laravel.AlterDatetime)
	assert.Equal(t, at(2024, 9, 3, 8, 0, 0), laravel.RestartAt)
	assert.Equal(t, "42", laravel.UserID)
	assert.True(t, laravel.IsTest)
	assert.Nil(t, laravel.TaskExtras, "task_extras {}")
	assert.Nil(t, laravel.NewTaskExtra, "new_task_extra []")
	assert.Equal(t, StatusAbnormal, laravel.Status())
	assert.Equal(t, &TaskGroup{ID: 102, Name: "默认组", Default: true}, laravel.Group)
	assert.Contains(t, string(laravel.Raw), `"some_future_field": {"nested": [1, {"deep": true}]}`, "unknown keys stay in Raw")
}

func TestDecodeTaskPageEnvelope(t *testing.T) {
	task := `{"uuid":"u1","name":"n"}`
	truncated := readFixture(t, "subset_task_example.json")[:2000]
	cases := []struct {
		name    string
		body    string
		wantErr string // "" for success; otherwise a part of the message
		want    envelope
		tasks   int
	}{
		{"code 200 then data", `{"code":200,"data":[` + task + `]}`, "", envelope{Code: 200, HasCode: true, HasData: true}, 1},
		{"data before code", `{"data":[` + task + `,` + task + `],"message":"ok","code":200}`, "",
			envelope{Code: 200, HasCode: true, HasData: true, Message: "ok"}, 2},
		{"data without code", `{"data":[` + task + `]}`, "", envelope{HasData: true}, 1},
		{"code as a string", `{"code":"200","data":[]}`, "", envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"code without data", `{"code":200,"message":"ok"}`, "", envelope{Code: 200, HasCode: true, Message: "ok"}, 0},
		{"code 500, junk data", `{"code":500,"message":"boom","data":"SQLSTATE"}`, "",
			envelope{Code: 500, HasCode: true, HasData: true, Message: "boom"}, 0},
		{"code 401, data object", `{"code":401,"message":"no","data":{"a":[1,2]}}`, "",
			envelope{Code: 401, HasCode: true, HasData: true, Message: "no"}, 0},
		{"junk data before code 429", `{"data":{"0":"x"},"code":429}`, "", envelope{Code: 429, HasCode: true, HasData: true}, 0},
		{"duplicate data: last wins", `{"code":200,"data":[` + task + `],"data":[]}`, "", envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"byte order mark", "\xef\xbb\xbf{\"code\":200,\"data\":[]}", "", envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"white space around", " \n\t{\"code\":200,\"data\":[]}\r\n ", "", envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"code 500, odd meta and message", `{"meta":"x","message":{"zh":"错误"},"code":500,"data":null}`, "",
			envelope{Code: 500, HasCode: true, HasData: true}, 0},
		{"code 200, odd meta", `{"code":200,"meta":"x","data":[]}`, `meta: string "x" is not an object`,
			envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"code 200, odd message", `{"code":200,"data":[],"message":["a"]}`, `message: a list is not a string`,
			envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"code 500, broken meta", `{"code":500,"meta":{"total":1,}}`, `meta: invalid character '}' looking for an object key`,
			envelope{Code: 500, HasCode: true}, 0},
		{"HTML", "<html><body><h1>502 Bad Gateway</h1></body></html>", "invalid character '<'", envelope{}, 0},
		{"empty body", "", "unexpected end of input", envelope{}, 0},
		{"truncated", string(truncated), "unexpected end of input", envelope{Code: 200, HasCode: true, HasData: true,
			Message: "返回所有子账号的任务列表信息成功", Meta: PageMeta{HasPages: true, Total: 3, LastPage: 3, CurrentPage: 1, PerPage: 1}}, 0},
		{"list at top level", `[{"code":200,"data":[]}]`, "invalid character '['", envelope{}, 0},
		{"trailing garbage", `{"code":200,"data":[]} x`, "after the envelope at offset 23", envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"two objects", `{"code":200,"data":[]}{}`, "after the envelope", envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"not the envelope", `{"foo":1}`, "neither code nor data", envelope{}, 0},
		{"bad code", `{"code":"ok","data":[]}`, `code: string "ok" is not an integer`, envelope{}, 0},
		{"data not a list", `{"code":200,"data":"x"}`, `data: string "x" is not a list`, envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"task not an object", `{"code":200,"data":[` + task + `,null]}`, `data[1]: null is not a task object`,
			envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"bad task before code", `{"data":[{"enable":"yes"}],"code":200}`, `data[0].enable: string "yes" is not a boolean`,
			envelope{Code: 200, HasCode: true, HasData: true}, 0},
		{"missing comma", `{"code":200 "data":[]}`, `invalid character '"' after a value at offset 12`, envelope{Code: 200, HasCode: true}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, tasks, err := decodeTaskPage([]byte(tc.body), defaultZone())
			assert.Equal(t, tc.want, env)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrMalformedResponse)
				assert.Contains(t, err.Error(), tc.wantErr)
				assert.True(t, strings.HasPrefix(err.Error(), "agentapi: malformed response: "), err.Error())
				assert.Nil(t, tasks)
				return
			}
			require.NoError(t, err)
			assert.Len(t, tasks, tc.tasks)
		})
	}
}

func TestDecodeTaskPageFixtures(t *testing.T) {
	env, tasks, err := decodeTaskPage(readFixture(t, "data_before_code.json"), defaultZone())
	require.NoError(t, err)
	assert.Equal(t, 200, env.Code)
	assert.Equal(t, 15, env.Meta.PerPage)
	require.Len(t, tasks, 1)
	assert.Equal(t, "先有数据后有状态码", tasks[0].Name)
	assert.Equal(t, StatusDialing, tasks[0].Status())
	assert.Equal(t, -1, tasks[0].NewTaskExtra.WorkHour[0].Wday)
	assert.Equal(t, compact(t, []byte(tasks[0].Raw)), compact(t, tasks[0].Raw))

	env, tasks, err = decodeTaskPage(readFixture(t, "code_not_200.json"), defaultZone())
	require.NoError(t, err, "junk data under a code other than 200 is not the decoder's error")
	assert.Equal(t, envelope{Code: 500, HasCode: true, Message: "服务器内部错误", HasData: true}, env)
	assert.Nil(t, tasks)
}

func TestDecodeEnvelope(t *testing.T) {
	env, err := decodeEnvelope(readFixture(t, "unauthenticated.json"))
	require.NoError(t, err)
	assert.Equal(t, envelope{Message: "Unauthenticated."}, env)

	env, err = decodeEnvelope(readFixture(t, "code_not_200.json"))
	require.NoError(t, err)
	assert.Equal(t, envelope{Code: 500, HasCode: true, Message: "服务器内部错误", HasData: true}, env)

	env, err = decodeEnvelope([]byte(`{"data":[{"enable":"not a bool"}],"code":422,"message":"The given data was invalid.",` +
		`"errors":{"per_page":["must be an integer"]},"meta":{"per_page":"-1"}}`))
	require.NoError(t, err, "data is skipped, not decoded")
	assert.Equal(t, envelope{Code: 422, HasCode: true, Message: "The given data was invalid.", HasData: true,
		Meta: PageMeta{PerPage: -1}}, env)

	env, err = decodeEnvelope([]byte(`{"message":"Too Many Attempts.","meta":{"per_page":"all"}}`))
	require.NoError(t, err, "an odd meta does not hide an error's message")
	assert.Equal(t, envelope{Message: "Too Many Attempts."}, env)

	for _, body := range []string{"<html>502</html>", `{"message":"cut`, "", `["message"]`} {
		_, err := decodeEnvelope([]byte(body))
		assert.ErrorIs(t, err, ErrMalformedResponse, body)
	}
}

func TestDecodeDepthLimit(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	wrap := func(v string) []byte { return []byte(`{"code":200,"data":[{"caller_line":` + v + `}]}`) }

	_, tasks, err := decodeTaskPage(wrap(deep(jsonwire.MaxDepth)), defaultZone())
	require.NoError(t, err)
	assert.Len(t, tasks[0].CallerLine, 2*jsonwire.MaxDepth)

	_, _, err = decodeTaskPage(wrap(deep(jsonwire.MaxDepth+1)), defaultZone())
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), "data[0].caller_line: values nested deeper than 10000")

	_, err = decodeEnvelope([]byte(`{"data":` + strings.Repeat(`{"a":[`, 1e6)))
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

func TestDecodeTaskPageTimeZone(t *testing.T) {
	body := readFixture(t, "subset_task_example.json")
	west := time.FixedZone("UTC-5", -5*60*60)
	want := map[*time.Location]time.Time{
		defaultZone(): time.Date(2024, 9, 2, 13, 45, 18, 0, time.UTC),
		time.UTC:      time.Date(2024, 9, 2, 21, 45, 18, 0, time.UTC),
		west:          time.Date(2024, 9, 3, 2, 45, 18, 0, time.UTC),
	}
	for loc, instant := range want {
		_, tasks, err := decodeTaskPage(body, loc)
		require.NoError(t, err)
		created := tasks[0].CreateDatetime
		assert.True(t, created.Equal(instant), "%s: %s", loc, created)
		assert.Equal(t, loc, created.Location())
		out, err := json.Marshal(created)
		require.NoError(t, err)
		assert.Equal(t, `"2024-09-02 21:45:18"`, string(out), "writes back the string it was read from")
	}
}

func TestDecodeTaskPageBoundsTaskCount(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 200,000 tasks; skipped under -short")
	}
	page := func(n int) []byte {
		return []byte(`{"code":200,"data":[` + strings.TrimSuffix(strings.Repeat(`{},`, n), ",") + `]}`)
	}
	_, tasks, err := decodeTaskPage(page(maxPageTasks), defaultZone())
	require.NoError(t, err)
	assert.Len(t, tasks, maxPageTasks)

	_, tasks, err = decodeTaskPage(page(maxPageTasks+1), defaultZone())
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), "more than 100000 tasks in one page")
	assert.Nil(t, tasks)
}
