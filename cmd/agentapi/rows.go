package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/f703e656/agentapi"
)

// groupHeader returns the columns of a dial-time group.
func groupHeader() []string {
	return []string{"id", "name", "is_default", "skip_holiday", "content", "remark", "updated_at"}
}

// groupRow returns the cells of g under groupHeader.
func groupRow(g *agentapi.DialTimeGroup) []string {
	return []string{
		strconv.Itoa(g.ID), g.Name, strconv.FormatBool(g.IsDefault), strconv.FormatBool(g.SkipHoliday),
		contentText(g.Content), g.Remark, timeCell(g.UpdatedAt),
	}
}

// contentText sums up a group's days: days with the same hours together,
// "0,1,2,3,4 09:00-12:00,13:00-18:00; 5 10:00-12:00".
func contentText(days []agentapi.DialTimeDay) string {
	var parts []string
	var weeks []string
	hours := ""
	flush := func() {
		if len(weeks) > 0 {
			parts = append(parts, strings.Join(weeks, ",")+" "+hours)
		}
	}
	for _, d := range days {
		var rs []string
		for _, r := range d.Times {
			rs = append(rs, r.Begin+"-"+r.End)
		}
		h := strings.Join(rs, ",")
		if h != hours || len(weeks) == 0 {
			flush()
			weeks, hours = nil, h
		}
		weeks = append(weeks, strconv.Itoa(d.Week))
	}
	flush()
	return strings.Join(parts, "; ")
}

// setupHeader returns the columns of tasks setup: one table of the
// dial-time groups and the caller lines, told apart by kind.
func setupHeader() []string { return []string{"kind", "id", "name", "remark", "detail"} }

// The kinds of tasks setup's records.
const (
	kindGroup = "dial_time_group"
	kindLine  = "caller_line"
)

// setup prints s: in json as one object of the two lists as the API sent
// them; otherwise a record per group and per line, with a kind (the
// group's hours, or the line's owner, as detail).
func (p printer) setup(s *agentapi.TaskSetup) error {
	if p.out.format == formatJSON {
		return p.setupObject(s)
	}
	w := p.records(setupHeader())
	for i := range s.DialTimeGroups {
		g := &s.DialTimeGroups[i]
		cells := []string{kindGroup, strconv.Itoa(g.ID), g.Name, g.Remark, contentText(g.Content)}
		if err := w.Write(cells, func() ([]byte, error) { return kindObject(kindGroup, g.Raw, g) }); err != nil {
			return err
		}
	}
	for i := range s.CallerLines {
		l := &s.CallerLines[i]
		cells := []string{kindLine, l.LineID, l.Name, l.Remark, l.BelongUser}
		if err := w.Write(cells, func() ([]byte, error) { return kindObject(kindLine, l.Raw, l) }); err != nil {
			return err
		}
	}
	return w.End(true)
}

// setupObject writes s as {"task_dial_times":[...],"caller_line_list":[...]},
// each element its object as the API sent it.
func (p printer) setupObject(s *agentapi.TaskSetup) error {
	var b bytes.Buffer
	b.WriteString(`{"task_dial_times":[`)
	for i := range s.DialTimeGroups {
		if i > 0 {
			b.WriteByte(',')
		}
		obj, err := rawObject(s.DialTimeGroups[i].Raw, &s.DialTimeGroups[i])
		if err != nil {
			return err
		}
		b.Write(obj)
	}
	b.WriteString(`],"caller_line_list":[`)
	for i := range s.CallerLines {
		if i > 0 {
			b.WriteByte(',')
		}
		obj, err := rawObject(s.CallerLines[i].Raw, &s.CallerLines[i])
		if err != nil {
			return err
		}
		b.Write(obj)
	}
	b.WriteString("]}\n")
	_, err := p.w.Write(b.Bytes())
	return err
}

// groups prints dial-time groups, a record each.
func (p printer) groups(gs []agentapi.DialTimeGroup) error {
	w := p.records(groupHeader())
	for i := range gs {
		g := &gs[i]
		if err := w.Write(groupRow(g), func() ([]byte, error) { return rawObject(g.Raw, g) }); err != nil {
			return err
		}
	}
	return w.End(true)
}

// rawObject returns raw, compacted, when it is a JSON object, and v
// marshalled otherwise.
func rawObject(raw json.RawMessage, v any) ([]byte, error) {
	var buf bytes.Buffer
	if len(raw) > 0 && json.Compact(&buf, raw) == nil && isObject(buf.Bytes()) {
		return buf.Bytes(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("agentapi: encoding %T: %w", v, err)
	}
	return b, nil
}

// kindObject returns the object of raw (or v) with "kind":kind added last.
func kindObject(kind string, raw json.RawMessage, v any) ([]byte, error) {
	obj, err := rawObject(raw, v)
	if err != nil {
		return nil, err
	}
	return withKey(obj, "kind", kind), nil
}
