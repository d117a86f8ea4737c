package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/f703e656/agentapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleTasks returns tasks of every status, with Chinese and ASCII names,
// Raw objects of several shapes, and one task without Raw.
func sampleTasks() []agentapi.Task {
	cst := time.FixedZone("CST", 8*60*60)
	at := func(s string) agentapi.Time {
		tm, err := time.ParseInLocation(vendorTime, s, cst)
		if err != nil {
			panic(err)
		}
		return agentapi.Time{Time: tm}
	}
	return []agentapi.Task{
		{
			UUID: "8b7c1a52-0d3e-4a8f-9c11-2f5e6d7a8b90", Name: "双十一回访任务", Enable: true, MaximumCall: 10,
			CreateDatetime: at("2024-09-02 13:45:18"), NewTaskExtra: &agentapi.NewTaskExtra{CallStatus: true},
			Raw: json.RawMessage(`{"uuid":"8b7c1a52-0d3e-4a8f-9c11-2f5e6d7a8b90", "name":"双十一回访任务",` + "\n" + `  "enable":true,"future_field":{"a":[1,2]}}`),
		},
		{
			UUID: "11111111-2222-3333-4444-555555555555", Name: "renewal call", Enable: false, MaximumCall: 250,
			CreateDatetime: at("2023-01-31 08:00:00"), NewTaskExtra: &agentapi.NewTaskExtra{CallStatus: false},
			Raw: json.RawMessage(` {} `),
		},
		{
			UUID: "22222222-3333-4444-5555-666666666666", Name: "异常", Enable: true, MaximumCall: 3,
			Raw: json.RawMessage(`{"uuid":"22222222-3333-4444-5555-666666666666","new_task_extra":[]}`),
		},
		{
			UUID: "33333333-4444-5555-6666-777777777777", Name: "等待 mixed 名字", Enable: true, MaximumCall: 1,
			CreateDatetime: at("2024-12-31 23:59:59"), NewTaskExtra: &agentapi.NewTaskExtra{},
		},
		{
			UUID: "44444444-5555-6666-7777-888888888888", Name: "未定义", Enable: false,
			NewTaskExtra: &agentapi.NewTaskExtra{CallStatus: true},
			Raw:          json.RawMessage(`{"uuid":`), // truncated: marshalled instead
		},
	}
}

// render writes tasks in format and returns the output.
func render(t *testing.T, format string, tasks []agentapi.Task, complete bool) string {
	t.Helper()
	return renderRaw(t, format, tasks, complete, false)
}

// renderRaw is render with csvRaw.
func renderRaw(t *testing.T, format string, tasks []agentapi.Task, complete, csvRaw bool) string {
	t.Helper()
	var buf bytes.Buffer
	w := newTaskWriter(format, &buf, csvRaw)
	require.NotNil(t, w, format)
	for i := range tasks {
		require.NoError(t, w.Write(&tasks[i]))
	}
	require.NoError(t, w.End(complete))
	return buf.String()
}

func TestTableAlignsChineseNames(t *testing.T) {
	tasks := sampleTasks()
	out := render(t, formatTable, tasks, true)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, len(tasks)+1)
	assert.Equal(t, "uuid", strings.Fields(lines[0])[0])
	assert.Equal(t, header(), strings.Fields(lines[0]))

	cells := [][]string{header()}
	for i := range tasks {
		cells = append(cells, row(&tasks[i]))
	}
	starts := columnStarts(t, lines[0], cells[0])
	for i, line := range lines[1:] {
		got := columnStarts(t, line, cells[i+1])
		for c, col := range got {
			if col >= 0 {
				assert.Equal(t, starts[c], col, "row %d column %s: %q", i, cells[0][c], line)
			}
		}
	}
	assert.Contains(t, lines[1], "2024-09-02 13:45:18")
	assert.NotContains(t, out, " \n", "no trailing blanks")
}

// columnStarts returns the display column where each non-empty cell of
// cells starts in line, -1 for an empty cell.
func columnStarts(t *testing.T, line string, cells []string) []int {
	t.Helper()
	starts := make([]int, len(cells))
	pos := 0
	for i, c := range cells {
		if c == "" {
			starts[i] = -1
			continue
		}
		j := strings.Index(line[pos:], c)
		require.GreaterOrEqual(t, j, 0, "cell %q in %q", c, line)
		starts[i] = displayWidth(line[:pos+j])
		pos += j + len(c)
	}
	return starts
}

func TestTableCells(t *testing.T) {
	tasks := sampleTasks()
	assert.Equal(t, []string{"8b7c1a52-0d3e-4a8f-9c11-2f5e6d7a8b90", "双十一回访任务", "dialing", "true", "true", "10", "2024-09-02 13:45:18"}, row(&tasks[0]))
	assert.Equal(t, []string{"11111111-2222-3333-4444-555555555555", "renewal call", "paused", "false", "false", "250", "2023-01-31 08:00:00"}, row(&tasks[1]))
	assert.Equal(t, []string{"22222222-3333-4444-5555-666666666666", "异常", "abnormal", "true", "", "3", ""}, row(&tasks[2]), "abnormal: no call_status, zero time empty")
	assert.Equal(t, "waiting", row(&tasks[3])[2])
	assert.Equal(t, "unknown", row(&tasks[4])[2])

	// The time is written in its own zone, not the machine's.
	utc := agentapi.Task{CreateDatetime: agentapi.Time{Time: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}}
	assert.Equal(t, "2024-01-02 03:04:05", row(&utc)[6])
}

func TestTableEmptyHasHeader(t *testing.T) {
	assert.Equal(t, "uuid  name  task_status  enable  call_status  maximumcall  create_datetime\n", render(t, formatTable, nil, true))
}

func TestTableControlCharacters(t *testing.T) {
	out := render(t, formatTable, []agentapi.Task{{UUID: "u", Name: "two\nlines\x1b[2J"}}, true)
	assert.Equal(t, 2, strings.Count(out, "\n"))
	assert.NotContains(t, out, "\x1b")
}

func TestJSONArray(t *testing.T) {
	tasks := sampleTasks()
	out := render(t, formatJSON, tasks, true)
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	require.Len(t, got, len(tasks))
	for i, obj := range got {
		assert.Equal(t, tasks[i].Status().String(), obj["task_status"], "task %d", i)
		if i != 1 { // task 1's Raw is {}
			assert.Equal(t, tasks[i].UUID, obj["uuid"], "task %d", i)
		}
	}
	// Raw is kept as sent: keys the SDK does not model survive.
	assert.Equal(t, map[string]any{"a": []any{1.0, 2.0}}, got[0]["future_field"])
	assert.Equal(t, map[string]any{"task_status": "paused"}, got[1], "an empty raw object")
	assert.Equal(t, []any{}, got[2]["new_task_extra"], "raw bytes, not re-encoded")
	assert.Equal(t, "等待 mixed 名字", got[3]["name"], "no Raw: the Task marshalled")
	assert.Equal(t, "未定义", got[4]["name"], "broken Raw: the Task marshalled")
}

func TestJSONEmptyAndIncomplete(t *testing.T) {
	assert.Equal(t, "[]\n", render(t, formatJSON, nil, true))
	out := render(t, formatJSON, sampleTasks()[:2], false)
	assert.False(t, json.Valid([]byte(out)), "a failed listing must not look whole")
	assert.True(t, strings.HasPrefix(out, "[\n{"))
}

func TestJSONLines(t *testing.T) {
	tasks := sampleTasks()
	out := render(t, formatJSONL, tasks, true)
	sc := bufio.NewScanner(strings.NewReader(out))
	n := 0
	for sc.Scan() {
		var obj map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &obj), sc.Text())
		assert.Equal(t, tasks[n].Status().String(), obj["task_status"])
		if n != 1 { // task 1's Raw is {}
			assert.Equal(t, tasks[n].UUID, obj["uuid"])
		}
		n++
	}
	assert.Equal(t, len(tasks), n, "one task a line, the raw newlines compacted away")
	assert.Empty(t, render(t, formatJSONL, nil, true))
}

func TestCSV(t *testing.T) {
	tasks := sampleTasks()
	tasks[1].Name = `quote " and, comma`
	out := render(t, formatCSV, tasks, true)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, len(tasks)+1)
	assert.Equal(t, header(), recs[0])
	for i := range tasks {
		assert.Equal(t, row(&tasks[i]), recs[i+1])
	}
	assert.Equal(t, "uuid,name,task_status,enable,call_status,maximumcall,create_datetime\n", render(t, formatCSV, nil, true))
}

func TestWithStatus(t *testing.T) {
	assert.Equal(t, `{"task_status":"dialing"}`, string(withKey([]byte(`{}`), "task_status", "dialing")))
	assert.Equal(t, `{"a":1,"task_status":"paused"}`, string(withKey([]byte(`{"a":1}`), "task_status", "paused")))
	// A task_status of the API's own is shadowed: the last key wins.
	var m map[string]string
	require.NoError(t, json.Unmarshal(withKey([]byte(`{"task_status":"x"}`), "task_status", "waiting"), &m))
	assert.Equal(t, "waiting", m["task_status"])
}

func TestNewTaskWriterUnknownFormat(t *testing.T) {
	assert.Nil(t, newTaskWriter("xml", &bytes.Buffer{}, false))
}

func TestFailureBeforeAnyTaskWritesNothing(t *testing.T) {
	for _, f := range []string{formatTable, formatJSON, formatJSONL, formatCSV} {
		assert.Empty(t, render(t, f, nil, false), f)
	}
	assert.Contains(t, render(t, formatTable, sampleTasks()[:1], false), "双十一回访任务", "rows before a failure are shown")
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	cases := []struct{ name, want string }{
		{`=HYPERLINK("http://evil.example","点我")`, `'=HYPERLINK("http://evil.example","点我")`},
		{"+1+2", "'+1+2"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"plain =1", "plain =1"},
		{"任务=1", "任务=1"},
		{"", ""},
	}
	for _, c := range cases {
		tasks := []agentapi.Task{{UUID: "u-1", Name: c.name, MaximumCall: -3}}
		recs, err := csv.NewReader(strings.NewReader(render(t, formatCSV, tasks, true))).ReadAll()
		require.NoError(t, err)
		require.Len(t, recs, 2)
		assert.Equal(t, c.want, recs[1][1], "%q", c.name)
		assert.Equal(t, "'-3", recs[1][5], "a number cell is neutralised too")

		recs, err = csv.NewReader(strings.NewReader(renderRaw(t, formatCSV, tasks, true, true))).ReadAll()
		require.NoError(t, err)
		assert.Equal(t, c.name, recs[1][1], "--csv-raw: %q as it is", c.name)
	}
	// The other formats carry the name as the API sent it.
	out := render(t, formatJSONL, []agentapi.Task{{UUID: "u", Name: "=1+1"}}, true)
	assert.Contains(t, out, `"name":"=1+1"`)
}

func TestTableEscapesInvisibleCharacters(t *testing.T) {
	tasks := []agentapi.Task{
		{UUID: "a", Name: "invoice\u202Efdp.exe"},
		{UUID: "b", Name: "zero\u200Bwidth\uFEFF"},
		{UUID: "c", Name: "plain"},
	}
	out := render(t, formatTable, tasks, true)
	for _, r := range []string{"\u202E", "\u200B", "\uFEFF"} {
		assert.NotContains(t, out, r)
	}
	assert.Contains(t, out, "invoice<U+202E>fdp.exe")
	assert.Contains(t, out, "zero<U+200B>width<U+FEFF>")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 4)
	// The status column starts at the same display column on every row.
	col := strings.Index(lines[0], "task_status")
	for _, line := range lines[1:] {
		i := strings.Index(line, "abnormal")
		require.GreaterOrEqual(t, i, 0, line)
		assert.Equal(t, displayWidth(lines[0][:col]), displayWidth(line[:i]), "%q", line)
	}
}
