package agentapitest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// errList is a 422's errors, in the order of the rules: one message per
// field, the first that failed.
type errList []fieldError

// add records msg for key unless key already failed.
func (e *errList) add(key, msg string) {
	for _, x := range *e {
		if x.field == key {
			return
		}
	}
	*e = append(*e, fieldError{key, msg})
}

// attr returns Laravel's displayable name of a field: "task_extras.start_time"
// reads "task extras.start time".
func attr(key string) string { return strings.ReplaceAll(key, "_", " ") }

// missing reports whether Laravel's "required" fails for v: absent, null,
// a blank string or an empty array.
func missing(v any, present bool) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	}
	return !present
}

// intOf returns v as Laravel's "integer" reads it: a JSON integer or a
// string of one.
func intOf(v any) (int, bool) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = v.String()
	case string:
		s = strings.TrimSpace(v)
	default:
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// checkInt applies "[required|nullable]|integer|min:lo" to in[key] and
// returns its value (0 when absent or wrong).
func checkInt(errs *errList, in map[string]any, key string, required bool, lo int) int {
	v, present := in[key]
	if missing(v, present) {
		if required {
			errs.add(key, "The "+attr(key)+" field is required.")
		}
		return 0
	}
	n, ok := intOf(v)
	switch {
	case !ok:
		errs.add(key, "The "+attr(key)+" must be an integer.")
	case n < lo:
		errs.add(key, "The "+attr(key)+" must be at least "+strconv.Itoa(lo)+".")
	default:
		return n
	}
	return 0
}

// checkString applies "[required|nullable]|string|max:255" to in[key].
func checkString(errs *errList, in map[string]any, key string, required bool) string {
	v, present := in[key]
	if missing(v, present) {
		if required {
			errs.add(key, "The "+attr(key)+" field is required.")
		}
		return ""
	}
	s, ok := v.(string)
	switch {
	case !ok:
		errs.add(key, "The "+attr(key)+" must be a string.")
	case len([]rune(s)) > 255:
		errs.add(key, "The "+attr(key)+" must not be greater than 255 characters.")
	}
	return s
}

// parseDate reads a date as PHP's strtotime reads the usual forms.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.DateTime, "2006-01-02 15:04", time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// taskInput validates a create or update body (DESIGN's TaskInput) as the
// vendor's Laravel rules would, and returns the settings it asks for.
// Lines may be ids or the newer {"id":..., "limit":...} objects; holidays
// may use "start" or the newer "begin".
func taskInput(in map[string]any) (*settings, errList) {
	var errs errList
	s := &settings{full: true}
	s.name = checkString(&errs, in, "name", true)
	s.destExt = checkInt(&errs, in, "destination_extension", true, 1)
	s.dialTimeID = checkInt(&errs, in, "dial_time_id", true, 1)
	s.maxCall = checkInt(&errs, in, "maximumcall", true, 1)
	s.bridgeGroup = checkInt(&errs, in, "bridge_group_id", false, 0)
	s.enableType = checkInt(&errs, in, "enable_type", false, 0)
	s.isCallIn = checkInt(&errs, in, "is_call_in", false, 0)
	s.remark = checkString(&errs, in, "remark", false)
	s.autoRecycle = checkInt(&errs, in, "auto_recycle_rule_id", false, 0)
	s.endAction = checkInt(&errs, in, "end_action", false, 0)
	s.backgroundID = checkInt(&errs, in, "background_id", false, 0)
	s.llmIntention = checkInt(&errs, in, "llm_intention_id", false, 0)
	v, present := in["task_extras"]
	ex, isObj := v.(map[string]any)
	switch {
	case missing(v, present) || isObj && len(ex) == 0:
		errs.add("task_extras", "The task extras field is required.")
	case !isObj:
		errs.add("task_extras", "The task extras must be an array.")
	}
	if ex == nil {
		ex = map[string]any{}
	}
	s.startTime, s.stopTime = checkSpan(&errs, ex)
	s.lines = checkLines(&errs, ex)
	s.holidays = checkHolidays(&errs, ex)
	s.interval = checkInt(&errs, prefixed(ex, "task_extras."), "task_extras.interval_time", false, 0)
	s.groupID, s.groupName = s.destExt, "话术组-"+strconv.Itoa(s.destExt)
	return s, errs
}

// prefixed returns m with every key prefixed, for the checks that name a
// nested field by its path.
func prefixed(m map[string]any, prefix string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[prefix+k] = v
	}
	return out
}

// checkSpan checks task_extras.start_time and stop_time: required dates,
// the stop after the start.
func checkSpan(errs *errList, ex map[string]any) (start, stop string) {
	var times [2]time.Time
	var ok [2]bool
	for i, k := range [2]string{"start_time", "stop_time"} {
		key := "task_extras." + k
		v, present := ex[k]
		s, isStr := v.(string)
		switch {
		case missing(v, present):
			errs.add(key, "The "+attr(key)+" field is required.")
		case !isStr:
			errs.add(key, "The "+attr(key)+" is not a valid date.")
		default:
			if times[i], ok[i] = parseDate(s); !ok[i] {
				errs.add(key, "The "+attr(key)+" is not a valid date.")
			}
		}
		if i == 0 {
			start = s
		} else {
			stop = s
		}
	}
	if ok[0] && ok[1] && !times[1].After(times[0]) {
		errs.add("task_extras.stop_time", "The task extras.stop time must be a date after task extras.start time.")
	}
	return start, stop
}

// checkLines checks task_extras.line: present (an empty array when
// unused), an array of line ids or of {"id":...} objects.
func checkLines(errs *errList, ex map[string]any) []string {
	v, present := ex["line"]
	items, ok := v.([]any)
	switch {
	case !present || v == nil:
		errs.add("task_extras.line", "The task extras.line field must be present.")
		return nil
	case !ok:
		errs.add("task_extras.line", "The task extras.line must be an array.")
		return nil
	}
	lines := make([]string, 0, len(items))
	for i, it := range items {
		if m, isObj := it.(map[string]any); isObj {
			it = m["id"]
		}
		id, isStr := it.(string)
		if !isStr || id == "" {
			errs.add("task_extras.line."+strconv.Itoa(i), "The task extras.line."+strconv.Itoa(i)+" must be a string.")
			continue
		}
		lines = append(lines, id)
	}
	return lines
}

// checkHolidays checks task_extras.holiday: present (an empty array when
// unused), an array of {"start"|"begin":..., "end":...}.
func checkHolidays(errs *errList, ex map[string]any) []holiday {
	v, present := ex["holiday"]
	items, ok := v.([]any)
	switch {
	case !present || v == nil:
		errs.add("task_extras.holiday", "The task extras.holiday field must be present.")
		return nil
	case !ok:
		errs.add("task_extras.holiday", "The task extras.holiday must be an array.")
		return nil
	}
	hs := make([]holiday, 0, len(items))
	for i, it := range items {
		key := "task_extras.holiday." + strconv.Itoa(i)
		m, isObj := it.(map[string]any)
		if !isObj {
			errs.add(key, "The "+attr(key)+" must be an array.")
			continue
		}
		start, _ := m["start"].(string)
		if start == "" {
			start, _ = m["begin"].(string)
		}
		end, _ := m["end"].(string)
		switch {
		case start == "":
			errs.add(key+".start", "The "+attr(key)+".start field is required.")
		case end == "":
			errs.add(key+".end", "The "+attr(key)+".end field is required.")
		default:
			hs = append(hs, holiday{start, end})
		}
	}
	return hs
}
