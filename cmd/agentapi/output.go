package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/f703e656/agentapi"
)

// The output formats of "tasks list".
const (
	formatTable = "table"
	formatJSON  = "json"
	formatJSONL = "jsonl"
	formatCSV   = "csv"
)

// vendorTime is the API's own timestamp layout, used in table and csv.
const vendorTime = "2006-01-02 15:04:05"

// taskWriter writes tasks in one output format, one at a time, so that a
// listing of every page streams instead of piling up in memory.
type taskWriter interface {
	// Write writes one task.
	Write(t *agentapi.Task) error
	// End finishes the output. complete is false when the listing failed
	// part way: a json array is then left open, so that no consumer mistakes
	// the partial list for the whole one.
	End(complete bool) error
}

// newTaskWriter returns the writer of format onto w, or nil for a format
// that is not one of the four. csvRaw writes csv cells as they are, without
// neutralising those a spreadsheet would run as formulas.
func newTaskWriter(format string, w io.Writer, csvRaw bool) taskWriter {
	rw := newRecordWriter(format, w, csvRaw, header())
	if rw == nil {
		return nil
	}
	return &tasksOut{rw: rw}
}

// tasksOut is a taskWriter on a recordWriter: a task is its row and its
// object.
type tasksOut struct{ rw recordWriter }

func (o *tasksOut) Write(t *agentapi.Task) error {
	return o.rw.Write(row(t), func() ([]byte, error) { return taskObject(t) })
}

func (o *tasksOut) End(complete bool) error { return o.rw.End(complete) }

// header returns the column names of the table and csv formats.
func header() []string {
	return []string{"uuid", "name", "task_status", "enable", "call_status", "maximumcall", "create_datetime"}
}

// row returns the cells of t under header's columns. call_status is empty
// for an abnormal task, which has no remote task to carry it.
func row(t *agentapi.Task) []string {
	callStatus := ""
	if t.NewTaskExtra != nil {
		callStatus = strconv.FormatBool(t.NewTaskExtra.CallStatus)
	}
	return []string{
		t.UUID, t.Name, t.Status().String(), strconv.FormatBool(t.Enable),
		callStatus, strconv.Itoa(t.MaximumCall), timeCell(t.CreateDatetime),
	}
}

// timeCell is t in the vendor's layout, in the zone it carries; "" when
// zero.
func timeCell(t agentapi.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(vendorTime)
}

// taskObject returns t as one line of JSON: its object as the API sent it
// (Raw, with insignificant whitespace removed) plus "task_status", the
// derived status word. A task without a usable Raw is marshalled instead.
func taskObject(t *agentapi.Task) ([]byte, error) {
	var buf bytes.Buffer
	if len(t.Raw) == 0 || json.Compact(&buf, t.Raw) != nil || !isObject(buf.Bytes()) {
		b, err := json.Marshal(t)
		if err != nil {
			return nil, fmt.Errorf("agentapi: encoding task %q: %w", t.UUID, err)
		}
		buf.Reset()
		buf.Write(b)
	}
	return withKey(buf.Bytes(), "task_status", t.Status().String()), nil
}

// isObject reports whether the compact JSON value b is an object.
func isObject(b []byte) bool {
	return len(b) >= 2 && b[0] == '{' && b[len(b)-1] == '}'
}

// withKey returns the compact JSON object obj with key:word (such as
// "task_status":"paused") added as its last key, leaving the other bytes as
// they were. Last, so that if the API ever sends a key of that name, the
// tool's is what jq, encoding/json and JavaScript read (the last duplicate
// key wins).
func withKey(obj []byte, key, word string) []byte {
	out := make([]byte, 0, len(obj)+len(word)+20)
	out = append(out, obj[:len(obj)-1]...)
	if len(obj) > 2 { // not "{}"
		out = append(out, ',')
	}
	out = strconv.AppendQuote(out, key)
	out = append(out, ':')
	out = strconv.AppendQuote(out, word)
	return append(out, '}')
}
