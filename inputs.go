package agentapi

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// TaskInput is the body of CreateTask and UpdateTask: a 2.0 task's settings.
// Name, DestinationExtension, DialTimeID, a positive MaximumCall and a
// StartTime before StopTime are required; the SDK checks them before any
// request.
type TaskInput struct {
	SubUserID            string          `json:"sub_user_id,omitempty"`
	Name                 string          `json:"name"`                  // required
	DestinationExtension int             `json:"destination_extension"` // script (话术) group id, required; Task.DestinationExtension reads it back as a string
	DialTimeID           int             `json:"dial_time_id"`          // required
	MaximumCall          int             `json:"maximumcall"`           // concurrent lines, required
	BridgeGroupID        int             `json:"bridge_group_id,omitempty"`
	EnableType           int             `json:"enable_type,omitempty"`
	IsCallIn             int             `json:"is_call_in,omitempty"` // 0 outbound, 1 inbound
	Remark               string          `json:"remark,omitempty"`
	AutoRecycleRuleID    int             `json:"auto_recycle_rule_id,omitempty"`
	EndAction            int             `json:"end_action,omitempty"` // 0 nothing, 1 pause and release lines
	BackgroundID         int             `json:"background_id,omitempty"`
	LLMIntentionID       int             `json:"llm_intention_id,omitempty"`
	Extras               TaskInputExtras `json:"task_extras"`

	// Extra holds more body keys, sent as given: the vendor's newer fields
	// (is_group_switch, score_scheme_id, a task_extras of the newest shape).
	// A key of Extra replaces the typed field of the same JSON name.
	Extra map[string]any `json:"-"`
}

// TaskInputExtras is a TaskInput's task_extras. StartTime and StopTime are
// written as "2006-01-02 15:04:05" in their own location, which the server
// reads as its own (UTC+8): give them in that zone, t.In(zone), not in UTC.
type TaskInputExtras struct {
	StartTime    Time      `json:"start_time"` // required, before StopTime
	StopTime     Time      `json:"stop_time"`  // required
	Line         []string  `json:"line"`       // line ids; always sent, [] when empty (the vendor requires it)
	Holiday      []Holiday `json:"holiday"`    // always sent, [] when empty (the vendor requires it)
	IntervalTime int       `json:"interval_time,omitempty"`
}

// MarshalJSON writes the task_extras object with line and holiday always
// present: the vendor requires both, as [] when unused.
func (e TaskInputExtras) MarshalJSON() ([]byte, error) {
	type plain TaskInputExtras // without this method
	p := plain(e)
	if p.Line == nil {
		p.Line = []string{}
	}
	if p.Holiday == nil {
		p.Holiday = []Holiday{}
	}
	return json.Marshal(p)
}

// MarshalJSON writes the request body: the typed fields, then Extra's keys
// over them.
func (in TaskInput) MarshalJSON() ([]byte, error) {
	type plain TaskInput // without this method
	b, err := json.Marshal(plain(in))
	if err != nil || len(in.Extra) == 0 {
		return b, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range in.Extra {
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("extra key %q: %w", k, err)
		}
		m[k] = raw
	}
	return json.Marshal(m)
}

// check reports what makes in unfit to send, wrapping ErrInvalidArgument.
func (in *TaskInput) check() error {
	switch {
	case in == nil:
		return invalidf("nil *TaskInput")
	case in.Name == "":
		return invalidf("task input: name is required")
	case in.DestinationExtension <= 0:
		return invalidf("task input: destination_extension (script group id) %d must be positive", in.DestinationExtension)
	case in.DialTimeID <= 0:
		return invalidf("task input: dial_time_id %d must be positive", in.DialTimeID)
	case in.MaximumCall <= 0:
		return invalidf("task input: maximumcall %d must be positive", in.MaximumCall)
	case in.Extras.StartTime.IsZero() || in.Extras.StopTime.IsZero():
		return invalidf("task input: task_extras.start_time and stop_time are required")
	case !in.Extras.StartTime.Before(in.Extras.StopTime.Time):
		return invalidf("task input: task_extras.start_time %s is not before stop_time %s",
			in.Extras.StartTime.Format(timeLayout), in.Extras.StopTime.Format(timeLayout))
	case !inRange(in.Extras.StartTime.Time) || !inRange(in.Extras.StopTime.Time):
		return invalidf("task input: task_extras times must fall in the years 0 to 9999")
	}
	if in.SubUserID != "" {
		if err := checkID("sub_user_id", in.SubUserID); err != nil {
			return err
		}
	}
	// A key of Extra that cannot be JSON is the caller's mistake, refused
	// here rather than as a failure of the request path.
	for k, v := range in.Extra {
		if _, err := json.Marshal(v); err != nil {
			return invalidf("task input: extra key %q: %v", k, err)
		}
	}
	return nil
}

// DialTimeGroupInput is the body of CreateDialTimeGroup and
// UpdateDialTimeGroup.
type DialTimeGroupInput struct {
	SubUserID   string        `json:"sub_user_id,omitempty"`
	Name        string        `json:"name"`         // required
	Content     []DialTimeDay `json:"content"`      // required, at least one day with one range
	IsDefault   bool          `json:"is_default"`   // always sent
	SkipHoliday bool          `json:"skip_holiday"` // always sent
}

// check reports what makes in unfit to send, wrapping ErrInvalidArgument.
func (in *DialTimeGroupInput) check() error {
	if in == nil {
		return invalidf("nil *DialTimeGroupInput")
	}
	if in.Name == "" {
		return invalidf("dial-time group input: name is required")
	}
	ranges := 0
	for i, day := range in.Content {
		if day.Week < 0 || day.Week > 6 {
			return invalidf("dial-time group input: content[%d].week %d is outside 0..6", i, day.Week)
		}
		for j, r := range day.Times {
			b, okB := clockMinutes(r.Begin)
			e, okE := clockMinutes(r.End)
			switch {
			case !okB:
				return invalidf("dial-time group input: content[%d].times[%d].begin_time %q is not HH:MM", i, j, r.Begin)
			case !okE:
				return invalidf("dial-time group input: content[%d].times[%d].end_time %q is not HH:MM", i, j, r.End)
			case e <= b:
				return invalidf("dial-time group input: content[%d].times[%d]: %s does not end after %s", i, j, r.End, r.Begin)
			}
			ranges++
		}
	}
	if ranges == 0 {
		return invalidf("dial-time group input: content needs at least one day with one time range")
	}
	if in.SubUserID != "" {
		return checkID("sub_user_id", in.SubUserID)
	}
	return nil
}

// clockMinutes reads "HH:MM" (00:00 to 24:00) as minutes since midnight.
func clockMinutes(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' || !utf8.ValidString(s) {
		return 0, false
	}
	d := func(c byte) (int, bool) { return int(c - '0'), c >= '0' && c <= '9' }
	h1, ok1 := d(s[0])
	h2, ok2 := d(s[1])
	m1, ok3 := d(s[3])
	m2, ok4 := d(s[4])
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return 0, false
	}
	h, m := h1*10+h2, m1*10+m2
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}
