package agentapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeMembers decodes a page of one task whose members are members.
func decodeMembers(members string) (Task, error) {
	_, tasks, err := decodeTaskPage([]byte(`{"code":200,"data":[{`+members+`}]}`), defaultZone())
	if err != nil {
		return Task{}, err
	}
	return tasks[0], nil
}

// quirk is one value of a field: what it reads as, or the error it makes:
// the end of the message after the field's path, or with a leading "~" a
// part of it (syntax errors, whose offset varies).
type quirk struct {
	json    string
	want    any
	wantErr string
}

// checkQuirks decodes each value at path key (inner is the members around
// it, with %s for the value) and compares get(task) with the case's want.
func checkQuirks(t *testing.T, key, path string, cases []quirk, get func(Task) any) {
	t.Helper()
	for _, tc := range cases {
		t.Run(key+"="+tc.json, func(t *testing.T) {
			task, err := decodeMembers(`"uuid":"u",` + wrapValue(key, tc.json))
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrMalformedResponse)
				if loose, ok := strings.CutPrefix(tc.wantErr, "~"); ok {
					assert.Contains(t, err.Error(), "agentapi: malformed response: data[0]")
					assert.Contains(t, err.Error(), loose)
					return
				}
				sep := ": "
				if tc.wantErr[0] == '[' {
					sep = ""
				}
				assert.Equal(t, "agentapi: malformed response: data[0]."+path+sep+tc.wantErr, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, get(task))
		})
	}
}

// wrapValue nests value under a dotted key: "a.b" gives "a":{"b":value}.
func wrapValue(key, value string) string {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == '.' {
			return wrapValue(key[:i], `{"`+key[i+1:]+`":`+value+`}`)
		}
	}
	return `"` + key + `":` + value
}

func TestQuirkInt(t *testing.T) {
	checkQuirks(t, "maximumcall", "maximumcall", []quirk{
		{json: `10`, want: 10},
		{json: `-3`, want: -3},
		{json: `"10"`, want: 10},
		{json: `"-1"`, want: -1},
		{json: `1.0`, want: 1},
		{json: `"1.0"`, want: 1},
		{json: `"10.00"`, want: 10},
		{json: `1e2`, want: 100},
		{json: `1.5e1`, want: 15},
		{json: `0.0`, want: 0},
		{json: `-0`, want: 0},
		{json: `null`, want: 0},
		{json: `""`, want: 0},
		{json: `9223372036854775807`, want: 9223372036854775807},
		{json: `-9223372036854775808`, want: -9223372036854775808},
		{json: `"\u0031\u0032"`, want: 12},
		{json: `1.5`, wantErr: "number 1.5 is not an integer"},
		{json: `"1.5"`, wantErr: `string "1.5" is not an integer`},
		{json: `1e-1`, wantErr: "number 1e-1 is not an integer"},
		{json: `"abc"`, wantErr: `string "abc" is not an integer`},
		{json: `" 1"`, wantErr: `string " 1" is not an integer`},
		{json: `"0x10"`, wantErr: `string "0x10" is not an integer`},
		{json: `9223372036854775808`, wantErr: "number 9223372036854775808 is out of range"},
		{json: `1e400`, wantErr: "number 1e400 is out of range"},
		{json: `"-99999999999999999999"`, wantErr: `string "-99999999999999999999" is out of range`},
		{json: `true`, wantErr: "true is not an integer"},
		{json: `false`, wantErr: "false is not an integer"},
		{json: `{}`, wantErr: "an object is not an integer"},
		{json: `[1]`, wantErr: "a list is not an integer"},
		{json: `01`, wantErr: "~invalid character '1' after a value"},
		{json: `-`, wantErr: "~invalid character '}' in number"},
		{json: `1.`, wantErr: "~after decimal point in number"},
		{json: `nul`, wantErr: "~in literal null"},
	}, func(task Task) any { return task.MaximumCall })
}

func TestQuirkBool(t *testing.T) {
	checkQuirks(t, "enable", "enable", []quirk{
		{json: `true`, want: true},
		{json: `false`, want: false},
		{json: `1`, want: true},
		{json: `0`, want: false},
		{json: `2`, want: true},
		{json: `-1`, want: true},
		{json: `0.0`, want: false},
		{json: `0.5`, want: true},
		{json: `"1"`, want: true},
		{json: `"0"`, want: false},
		{json: `"true"`, want: true},
		{json: `"false"`, want: false},
		{json: `"2"`, want: true},
		{json: `"0.00"`, want: false},
		{json: `""`, want: false},
		{json: `null`, want: false},
		{json: `"yes"`, wantErr: `string "yes" is not a boolean`},
		{json: `"TRUE"`, wantErr: `string "TRUE" is not a boolean`},
		{json: `{}`, wantErr: "an object is not a boolean"},
		{json: `[]`, wantErr: "a list is not a boolean"},
		{json: `tru`, wantErr: "~in literal true"},
	}, func(task Task) any { return task.Enable })
}

func TestQuirkString(t *testing.T) {
	checkQuirks(t, "name", "name", []quirk{
		{json: `"子账户"`, want: "子账户"},
		{json: `null`, want: ""},
		{json: `101`, want: "101"},
		{json: `-1.50`, want: "-1.50"},
		{json: `true`, want: "true"},
		{json: `false`, want: "false"},
		{json: `"a\"b\\c\/d\b\f\n\r\t"`, want: "a\"b\\c/d\b\f\n\r\t"},
		{json: `"\u5b50\u8d26\u6237"`, want: "子账户"},
		{json: `"\ud83d\ude00"`, want: "😀"},
		{json: `"\ud83d"`, want: "\ufffd"},
		{json: `"\ud83dx"`, want: "\ufffdx"},
		{json: `"\ude00\ud83d\ude00"`, want: "\ufffd😀"},
		{json: "\"a\xffb\"", want: "a\ufffdb"},
		{json: "\"\xe5\xad\"", want: "\ufffd\ufffd"},
		{json: `{}`, wantErr: "an object is not a string"},
		{json: `["x"]`, wantErr: "a list is not a string"},
		{json: `"\x"`, wantErr: "~invalid character 'x' in string escape"},
		{json: `"\u12"`, wantErr: "~in \\u escape"},
		{json: "\"a\nb\"", wantErr: "~invalid character '\\n' in string"},
		{json: `"abc`, wantErr: "~unexpected end of input in string"},
	}, func(task Task) any { return task.Name })
}

func TestQuirkRaw(t *testing.T) {
	checkQuirks(t, "caller_line", "caller_line", []quirk{
		{json: `null`, want: json.RawMessage(nil)},
		{json: `{"id": 7, "name": "线路A"}`, want: json.RawMessage(`{"id": 7, "name": "线路A"}`)},
		{json: `[ 1, 2 ]`, want: json.RawMessage(`[ 1, 2 ]`)},
		{json: `"x"`, want: json.RawMessage(`"x"`)},
		{json: `0`, want: json.RawMessage(`0`)},
		{json: `[]`, want: json.RawMessage(`[]`)},
		{json: `{"a":}`, wantErr: "~invalid character '}' looking for beginning of value"},
		{json: `[1,]`, wantErr: "~invalid character ']' looking for beginning of value"},
		{json: `{"a" 1}`, wantErr: "~after an object key"},
		{json: `{1:2}`, wantErr: "~looking for an object key"},
	}, func(task Task) any { return task.CallerLine })
}

func TestQuirkObject(t *testing.T) {
	for _, tc := range []quirk{
		{json: `null`, want: true},
		{json: `[]`, want: true},
		{json: `{}`, want: true},
		{json: `[ ]`, want: true},
		{json: `{ }`, want: true},
		{json: `{"call_status":1}`, want: false},
		{json: `{"unknown":1}`, want: false},
		{json: `[{}]`, wantErr: "a non-empty list is not an object"},
		{json: `"x"`, wantErr: `string "x" is not an object`},
		{json: `1`, wantErr: "number 1 is not an object"},
		{json: `true`, wantErr: "true is not an object"},
	} {
		nilness := func(key string, isNil func(Task) bool) {
			checkQuirks(t, key, key, []quirk{tc}, func(task Task) any { return isNil(task) })
		}
		nilness("task_extras", func(task Task) bool { return task.TaskExtras == nil })
		nilness("new_task_extra", func(task Task) bool { return task.NewTaskExtra == nil })
		nilness("group", func(task Task) bool { return task.Group == nil })
	}
	task, err := decodeMembers(`"enable":true`)
	require.NoError(t, err)
	assert.Nil(t, task.NewTaskExtra, "missing")
	assert.Equal(t, StatusAbnormal, task.Status())
}

func TestQuirkList(t *testing.T) {
	checkQuirks(t, "task_extras.work_week", "task_extras.work_week", []quirk{
		{json: `[0,1,2]`, want: []int{0, 1, 2}},
		{json: `["1","2"]`, want: []int{1, 2}},
		{json: `[]`, want: []int{}},
		{json: `null`, want: []int(nil)},
		{json: `{}`, want: []int{}},
		{json: `{"0":1,"3":4,"1":2}`, want: []int{1, 2, 4}},
		{json: `{"10":3,"9":2,"-1":1}`, want: []int{1, 2, 3}},
		{json: `{"1":5,"0":4,"1":6}`, want: []int{4, 6}},
		{json: `{"9223372036854775807":7,"-9223372036854775808":1}`, want: []int{1, 7}}, // no overflow in the order
		{json: `[1,"x"]`, wantErr: `[1]: string "x" is not an integer`},
		{json: `{"0":1,"5":1.5}`, wantErr: `[5]: number 1.5 is not an integer`},
		{json: `{"a":1}`, wantErr: `key "a" is not a list index`},
		{json: `{"+1":1}`, wantErr: `key "+1" is not a list index`},
		{json: `"0,1"`, wantErr: `string "0,1" is not a list`},
		{json: `7`, wantErr: "number 7 is not a list"},
		{json: `[1 2]`, wantErr: "~invalid character '2' after a value"},
	}, func(task Task) any { return task.TaskExtras.WorkWeek })

	checkQuirks(t, "new_task_extra.work_hour", "new_task_extra.work_hour", []quirk{
		{json: `[{"wday":"-1","begin":"09:00","end":"12:00"}]`, want: []WorkHour{{-1, "09:00", "12:00"}}},
		{json: `{"3":{"wday":2},"0":{"wday":"1"}}`, want: []WorkHour{{Wday: 1}, {Wday: 2}}},
		{json: `[null,[],{}]`, want: []WorkHour{{}, {}, {}}},
		{json: `[{"wday":"x"}]`, wantErr: `[0].wday: string "x" is not an integer`},
		{json: `[{"wday":1},{"begin":[]}]`, wantErr: `[1].begin: a list is not a string`},
		{json: `{"4":{"end":{}}}`, wantErr: `[4].end: an object is not a string`},
		{json: `[1]`, wantErr: `[0]: number 1 is not an object`},
	}, func(task Task) any { return task.NewTaskExtra.WorkHour })

	checkQuirks(t, "new_task_extra.call_info", "new_task_extra.call_info", []quirk{
		{json: `[{"a":1},null,"x"]`, want: []json.RawMessage{json.RawMessage(`{"a":1}`), nil, json.RawMessage(`"x"`)}},
		{json: `{"1":"b","0":"a"}`, want: []json.RawMessage{json.RawMessage(`"a"`), json.RawMessage(`"b"`)}},
		{json: `[]`, want: []json.RawMessage{}},
	}, func(task Task) any { return task.NewTaskExtra.CallInfo })
}

func TestQuirkWdayAndTimes(t *testing.T) {
	checkQuirks(t, "task_extras.work_hour", "task_extras.work_hour", []quirk{
		{json: `[{"wday":-1},{"wday":"-1"},{"wday":"6"},{"wday":3.0}]`, want: []int{-1, -1, 6, 3}},
		{json: `[{"wday":"every"}]`, wantErr: `[0].wday: string "every" is not an integer`},
	}, func(task Task) any {
		var wdays []int
		for _, h := range task.TaskExtras.WorkHour {
			wdays = append(wdays, h.Wday)
		}
		return wdays
	})

	checkQuirks(t, "new_task_extra.start_time", "new_task_extra.start_time", []quirk{
		{json: `"2024-11-01 13:25:26"`, want: at(2024, 11, 1, 13, 25, 26)},
		{json: `"2024-11-01T05:25:26.000000Z"`, want: at(2024, 11, 1, 13, 25, 26)},
		{json: `"2024-11-01T13:25:26+08:00"`, want: at(2024, 11, 1, 13, 25, 26)},
		{json: `null`, want: Time{}},
		{json: `""`, want: Time{}},
		{json: `"0000-00-00 00:00:00"`, want: Time{}},
		{json: `"yesterday"`, wantErr: `string "yesterday" is not a time`},
		{json: `"2024-02-30 00:00:00"`, wantErr: `string "2024-02-30 00:00:00" is not a time`},
		{json: `1725284718`, wantErr: "number 1725284718 is not a time"},
		{json: `{}`, wantErr: "an object is not a time"},
	}, func(task Task) any { return task.NewTaskExtra.StartTime })
}

func TestDecodeUnknownAndDuplicateKeys(t *testing.T) {
	task, err := decodeMembers(`"name":"first","future":{"a":[1,{"b":null}],"c":"\u00e9"},"name":"last",` +
		`"group":{"id":1},"group":[],"new_task_extra":{"limit":1,"limit":"2"},"\u0073ort":5`)
	require.NoError(t, err)
	assert.Equal(t, "last", task.Name, "a duplicate key's last value wins")
	assert.Nil(t, task.Group)
	assert.Equal(t, 2, task.NewTaskExtra.Limit)
	assert.Equal(t, 5, task.Sort, "an escaped key matches")
}
