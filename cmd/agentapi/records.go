package main

import (
	"encoding/csv"
	"io"
	"strings"
)

// recordWriter writes records in one output format, one at a time: a
// record is its cells under the writer's header (table, csv) and its JSON
// object (json, jsonl), made only when the format needs it.
type recordWriter interface {
	// Write writes one record.
	Write(cells []string, object func() ([]byte, error)) error
	// End finishes the output. complete is false when the command failed
	// part way: a json array is then left open, so that no consumer
	// mistakes the partial list for the whole one.
	End(complete bool) error
}

// newRecordWriter returns the writer of format onto w with the columns
// head, or nil for a format that is not one of the four. csvRaw writes
// csv cells as they are, without neutralising those a spreadsheet would
// run as formulas.
func newRecordWriter(format string, w io.Writer, csvRaw bool, head []string) recordWriter {
	switch format {
	case formatTable:
		return &tableWriter{w: w, head: head}
	case formatJSON:
		return &jsonWriter{w: w}
	case formatJSONL:
		return &jsonlWriter{w: w}
	case formatCSV:
		return &csvWriter{w: csv.NewWriter(w), raw: csvRaw, head: head}
	}
	return nil
}

// tableWriter aligns columns by display width. Alignment needs the widest
// cell of each column, so it keeps the cells (not the records) until End.
type tableWriter struct {
	w    io.Writer
	head []string
	rows [][]string
}

func (tw *tableWriter) Write(cells []string, _ func() ([]byte, error)) error {
	shown := make([]string, len(cells))
	for i, c := range cells {
		shown[i] = cellText(c)
	}
	tw.rows = append(tw.rows, shown)
	return nil
}

// End writes the header and every row kept, also after a failure, so that
// the records that did arrive are shown; after a failure before any
// record, it writes nothing.
func (tw *tableWriter) End(complete bool) error {
	if !complete && len(tw.rows) == 0 {
		return nil
	}
	all := append([][]string{tw.head}, tw.rows...)
	widths := make([]int, len(tw.head))
	for _, r := range all {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], displayWidth(c))
			}
		}
	}
	var line strings.Builder
	for _, r := range all {
		line.Reset()
		for i, c := range r {
			if i == len(r)-1 || i >= len(widths) {
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

// jsonWriter writes one JSON array, an element per line, as the records
// come.
type jsonWriter struct {
	w io.Writer
	n int // records written
}

func (jw *jsonWriter) Write(_ []string, object func() ([]byte, error)) error {
	obj, err := object()
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

func (jw *jsonlWriter) Write(_ []string, object func() ([]byte, error)) error {
	obj, err := object()
	if err != nil {
		return err
	}
	obj = append(obj, '\n')
	_, err = jw.w.Write(obj)
	return err
}

func (jw *jsonlWriter) End(bool) error { return nil }

// csvWriter writes a header row and a row per record.
type csvWriter struct {
	w       *csv.Writer
	raw     bool // cells as they are: no formula neutralising
	head    []string
	started bool
}

func (cw *csvWriter) Write(cells []string, _ func() ([]byte, error)) error {
	if !cw.started {
		cw.started = true
		if err := cw.w.Write(cw.head); err != nil {
			return err
		}
	}
	if !cw.raw {
		safe := make([]string, len(cells))
		for i, c := range cells {
			safe[i] = neutralise(c)
		}
		cells = safe
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

// End flushes the rows; the header is written even for no record, unless
// the command failed before any.
func (cw *csvWriter) End(complete bool) error {
	if !cw.started && complete {
		cw.started = true
		if err := cw.w.Write(cw.head); err != nil {
			return err
		}
	}
	cw.w.Flush()
	return cw.w.Error()
}
