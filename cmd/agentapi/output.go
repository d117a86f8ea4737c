package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

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
	switch format {
	case formatTable:
		return &tableWriter{w: w}
	case formatJSON:
		return &jsonWriter{w: w}
	case formatJSONL:
		return &jsonlWriter{w: w}
	case formatCSV:
		return &csvWriter{w: csv.NewWriter(w), raw: csvRaw}
	}
	return nil
}

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
	created := ""
	if !t.CreateDatetime.IsZero() {
		created = t.CreateDatetime.Format(vendorTime) // in the zone the time carries
	}
	return []string{
		t.UUID, t.Name, t.Status().String(), strconv.FormatBool(t.Enable),
		callStatus, strconv.Itoa(t.MaximumCall), created,
	}
}

// tableWriter aligns columns by display width. Alignment needs the widest
// cell of each column, so it keeps the cells (not the tasks) until End.
type tableWriter struct {
	w    io.Writer
	rows [][]string
}

func (tw *tableWriter) Write(t *agentapi.Task) error {
	cells := row(t)
	for i, c := range cells {
		cells[i] = cellText(c)
	}
	tw.rows = append(tw.rows, cells)
	return nil
}

// End writes the header and every row kept, also after a failure, so that
// the tasks that did arrive are shown; after a failure before any task, it
// writes nothing.
func (tw *tableWriter) End(complete bool) error {
	if !complete && len(tw.rows) == 0 {
		return nil
	}
	head := header()
	widths := make([]int, len(head))
	for _, r := range append([][]string{head}, tw.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var line strings.Builder
	for _, r := range append([][]string{head}, tw.rows...) {
		line.Reset()
		for i, c := range r {
			if i == len(r)-1 {
				line.WriteString(c)
				break
			}
			line.WriteString(padRight(c, widths[i]))
			line.WriteString("  ")
		}
		if _, err := io.WriteString(tw.w, strings.TrimRight(line.String(), " ")+"\n"); err != nil {
			return err
		}
	}
	tw.rows = nil
	return nil
}

// jsonWriter writes one JSON array, an element per line, as the tasks come.
type jsonWriter struct {
	w io.Writer
	n int // tasks written
}

func (jw *jsonWriter) Write(t *agentapi.Task) error {
	obj, err := taskObject(t)
	if err != nil {
		return err
	}
	sep := ",\n"
	if jw.n == 0 {
		sep = "[\n"
	}
	jw.n++
	if _, err := io.WriteString(jw.w, sep); err != nil {
		return err
	}
	_, err = jw.w.Write(obj)
	return err
}

func (jw *jsonWriter) End(complete bool) error {
	if !complete {
		return nil
	}
	end := "\n]\n"
	if jw.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(jw.w, end)
	return err
}

// jsonlWriter writes one JSON object a line.
type jsonlWriter struct{ w io.Writer }

func (jw *jsonlWriter) Write(t *agentapi.Task) error {
	obj, err := taskObject(t)
	if err != nil {
		return err
	}
	obj = append(obj, '\n')
	_, err = jw.w.Write(obj)
	return err
}

func (jw *jsonlWriter) End(bool) error { return nil }

// csvWriter writes a header row and a row per task.
type csvWriter struct {
	w       *csv.Writer
	raw     bool // cells as they are: no formula neutralising
	started bool
}

func (cw *csvWriter) Write(t *agentapi.Task) error {
	if !cw.started {
		cw.started = true
		if err := cw.w.Write(header()); err != nil {
			return err
		}
	}
	cells := row(t)
	if !cw.raw {
		for i, c := range cells {
			cells[i] = neutralise(c)
		}
	}
	return cw.w.Write(cells)
}

// neutralise returns the csv cell c safe to open in a spreadsheet: a cell
// starting with =, +, -, @, tab or carriage return, which Excel and
// LibreOffice would run as a formula (a task named =HYPERLINK(...)), gets
// a leading single quote, as OWASP's CSV injection rule says.
func neutralise(c string) string {
	if c != "" && strings.IndexByte("=+-@\t\r", c[0]) >= 0 {
		return "'" + c
	}
	return c
}

// End flushes the rows; the header is written even for no task, unless the
// listing failed before any.
func (cw *csvWriter) End(complete bool) error {
	if !cw.started && complete {
		cw.started = true
		if err := cw.w.Write(header()); err != nil {
			return err
		}
	}
	cw.w.Flush()
	return cw.w.Error()
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
	return withStatus(buf.Bytes(), t.Status().String()), nil
}

// isObject reports whether the compact JSON value b is an object.
func isObject(b []byte) bool {
	return len(b) >= 2 && b[0] == '{' && b[len(b)-1] == '}'
}

// withStatus returns the compact JSON object obj with "task_status":word
// added as its last key, leaving the other bytes as they were. Last, so
// that if the API ever sends a task_status of its own, the derived one is
// what jq, encoding/json and JavaScript read (the last duplicate key wins).
func withStatus(obj []byte, word string) []byte {
	out := make([]byte, 0, len(obj)+len(word)+20)
	out = append(out, obj[:len(obj)-1]...)
	if len(obj) > 2 { // not "{}"
		out = append(out, ',')
	}
	out = append(out, `"task_status":`...)
	out = strconv.AppendQuote(out, word)
	return append(out, '}')
}
