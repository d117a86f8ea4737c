package agentapitest

import "strconv"

// appendLifeTask appends the list object of t, whose settings are its own
// (t.life), in the shape appendTask writes for a generated task: the
// seed's keys in the seed's order. A task created through the API adds
// holiday and interval_time to task_extras, and holiday to new_task_extra.
func appendLifeTask(b []byte, a *account, t *task) []byte {
	s := settingsOf(t)
	kind := s.kind()
	b = append(b, `{"uuid":"`...)
	b = t.appendUUID(b)
	b = append(b, `","name":`...)
	b = appendString(b, s.name)
	b = append(b, `,"create_datetime":"`...)
	b = append(b, t.created[:]...)
	b = append(b, `","alter_datetime":"`...)
	b = append(b, t.altered[:]...)
	b = append(b, `","start":0,"enable":`...)
	b = strconv.AppendBool(b, s.enable)
	b = append(b, `,"maximumcall":`...)
	b = strconv.AppendInt(b, int64(s.maxCall), 10)
	b = append(b, `,"call_per_second":10,"recycle_limit":0,"random_assignment_number":0,`+
		`"disable_dial_timegroup":null,"dial_time_id":`...)
	b = strconv.AppendInt(b, int64(s.dialTimeID), 10)
	b = append(b, `,"destination_extension":"`...)
	b = strconv.AppendInt(b, int64(s.destExt), 10)
	b = append(b, `","destination_dialplan":"XML","destination_context":"default",`+
		`"scheduling_policy_ratio":null,"scheduling_queue":null,"dial_format":"user/0000",`+
		`"domain":null,"remark":`...)
	b = appendNullString(b, s.remark)
	b = append(b, `,"sort":`...)
	b = strconv.AppendInt(b, int64(t.seq+1), 10)
	b = append(b, `,"originate_variables":"{execute_on_media=start_da}","_originate_timeout":60,`+
		`"_origination_caller_id_number":"20101","user_id":`...)
	b = append(b, a.quoted[t.owner]...)
	b = append(b, `,"auto_recycle_rule_id":`...)
	b = appendNullInt(b, s.autoRecycle)
	b = append(b, `,"clue_configuration_id":null,"deleted_at":null,"call_notify_type":2,`+
		`"call_pause_second":0,"call_notify_fail_stop":0,"bridge_group_id":`...)
	b = appendNullInt(b, s.bridgeGroup)
	b = append(b, `,"is_test":false,"is_top":`...)
	b = append(b, byte('0'+boolInt(s.isTop)))
	b = append(b, `,"empty_seat_stop":0,"background_file_id":null,"background_file_name":null,"end_action":`...)
	b = strconv.AppendInt(b, int64(s.endAction), 10)
	b = append(b, `,"task_type":6,"line_callee":"","cache_number_count":0,"mode_id":null,`+
		`"bridge_maximumcall":0,"bridge_proportion":0,"direct_bridge":0,"direct_bridge_echo":0,`+
		`"llm_intention_id":`...)
	b = strconv.AppendInt(b, int64(s.llmIntention), 10)
	b = append(b, `,"restart_at":`...)
	b = appendNullString(b, s.restartAt)
	b = append(b, `,"enable_type":`...)
	b = strconv.AppendInt(b, int64(s.enableType), 10)
	b = append(b, `,"background_id":`...)
	b = appendNullInt(b, s.backgroundID)
	b = append(b, `,"background":"","is_group_switch":0,"task_extras":`...)
	b = appendExtras(b, s, s.full)
	b = append(b, `,"status_str":`...)
	b = append(b, statusStr(kind)...)
	b = append(b, `,"new_task_extra":`...)
	b = appendLifeRemote(b, s, false)
	b = append(b, `,"caller_line":null,"auto_recycle_rule":null,"group":{"id":`...)
	b = strconv.AppendInt(b, int64(s.groupID), 10)
	b = append(b, `,"name":`...)
	b = appendString(b, s.groupName)
	b = append(b, `,"default":`...)
	b = strconv.AppendBool(b, s.groupDefault)
	b = append(b, `},"llm_intention_config":null,"status":`...)
	b = append(b, statusCode(kind))
	return append(b, '}')
}

// appendEditTask appends the settings object GET .../task/{id}/edit
// answers: the vendor's keys in the vendor's order, no uuid and no
// top-level enable (the vendor's example has neither), task_extras with
// holiday and interval_time always.
func appendEditTask(b []byte, t *task) []byte {
	s := settingsOf(t)
	kind := s.kind()
	b = append(b, `{"maximumcall":`...)
	b = strconv.AppendInt(b, int64(s.maxCall), 10)
	b = append(b, `,"recycle_limit":0,"name":`...)
	b = appendString(b, s.name)
	b = append(b, `,"remark":`...)
	b = appendNullString(b, s.remark)
	b = append(b, `,"destination_extension":"`...)
	b = strconv.AppendInt(b, int64(s.destExt), 10)
	b = append(b, `","random_assignment_number":0,"_originate_timeout":60,"caller_line_id":null,"bridge_group_id":`...)
	b = appendNullInt(b, s.bridgeGroup)
	b = append(b, `,"auto_recycle_rule_id":`...)
	b = appendNullInt(b, s.autoRecycle)
	b = append(b, `,"dial_time_id":`...)
	b = strconv.AppendInt(b, int64(s.dialTimeID), 10)
	b = append(b, `,"end_action":`...)
	b = strconv.AppendInt(b, int64(s.endAction), 10)
	b = append(b, `,"llm_intention_id":`...)
	b = strconv.AppendInt(b, int64(s.llmIntention), 10)
	b = append(b, `,"new_task_extra":`...)
	b = appendLifeRemote(b, s, true)
	b = append(b, `,"background_id":`...)
	b = appendNullInt(b, s.backgroundID)
	b = append(b, `,"caller_line_name":null,"destination_extension_name":`...)
	b = appendString(b, s.groupName)
	b = append(b, `,"status":`...)
	b = append(b, statusCode(kind))
	b = append(b, `,"call_status":`...)
	b = strconv.AppendBool(b, s.callStatus && !s.abnormal)
	b = append(b, `,"status_str":`...)
	b = append(b, statusStr(kind)...)
	b = append(b, `,"elasticity_task":false,"task_extras":`...)
	b = appendExtras(b, s, true)
	return append(b, '}')
}

// appendExtras appends task_extras, the local copy of the settings: wday
// a number. With full, it carries holiday and interval_time too.
func appendExtras(b []byte, s *settings, full bool) []byte {
	b = append(b, `{"line":`...)
	b = appendStrings(b, s.lines)
	if full {
		b = append(b, `,"holiday":`...)
		b = appendHolidays(b, s.holidays)
	}
	b = append(b, `,"stop_time":`...)
	b = appendString(b, s.stopTime)
	b = append(b, `,"work_hour":[`...)
	n := 0
	for _, d := range s.content {
		for _, r := range d.times {
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, `{"end":`...)
			b = appendString(b, r.end)
			b = append(b, `,"wday":`...)
			b = strconv.AppendInt(b, int64(d.week), 10)
			b = append(b, `,"begin":`...)
			b = appendString(b, r.begin)
			b = append(b, '}')
		}
	}
	b = append(b, `],"work_week":`...)
	b = appendWeeks(b, s.content)
	b = append(b, `,"start_time":`...)
	b = appendString(b, s.startTime)
	if full {
		b = append(b, `,"interval_time":`...)
		b = strconv.AppendInt(b, int64(s.interval), 10)
	}
	return append(b, '}')
}

// appendLifeRemote appends new_task_extra, the remote task built from the
// settings: [] (or null, nullExtra) for an abnormal task. Its work_hour has wday a string: "-1"
// (every day of work_week) when every day has the same hours, as the
// vendor's example shows, otherwise the day's number ("1").
func appendLifeRemote(b []byte, s *settings, editView bool) []byte {
	if s.abnormal && s.nullExtra {
		return append(b, "null"...)
	}
	if s.abnormal {
		return append(b, "[]"...)
	}
	b = append(b, `{"name":`...)
	b = appendString(b, s.name)
	b = append(b, `,"enable":`...)
	if editView {
		// The settings view has no top-level enable: its remote task's
		// enable is the task's, so that a client reading it (as the SDK
		// does) derives the status the list shows.
		b = strconv.AppendBool(b, s.enable)
	} else {
		b = strconv.AppendBool(b, s.callStatus) // the remote side's own flag, as in tasks.go
	}
	b = append(b, `,"line":`...)
	b = appendStrings(b, s.lines)
	b = append(b, `,"limit":`...)
	b = strconv.AppendInt(b, int64(s.maxCall), 10)
	b = append(b, `,"cps":1,"start_time":`...)
	b = appendString(b, s.startTime)
	b = append(b, `,"stop_time":`...)
	b = appendString(b, s.stopTime)
	if s.full {
		b = append(b, `,"holiday":`...)
		b = appendHolidays(b, s.holidays)
	}
	b = append(b, `,"work_week":`...)
	b = appendWeeks(b, s.content)
	b = append(b, `,"work_hour":[`...)
	days := s.content
	if sameHours(days) {
		days = []dayTimes{{week: -1, times: days[0].times}}
	}
	n := 0
	for _, d := range days {
		for _, r := range d.times {
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, `{"wday":"`...)
			b = strconv.AppendInt(b, int64(d.week), 10)
			b = append(b, `","begin":`...)
			b = appendString(b, r.begin)
			b = append(b, `,"end":`...)
			b = appendString(b, r.end)
			b = append(b, '}')
		}
	}
	b = append(b, `],"destination_extension":"`...)
	b = strconv.AppendInt(b, int64(s.destExt), 10)
	b = append(b, `","blacklist":"","background":"","call_status":`...)
	b = strconv.AppendBool(b, s.callStatus)
	b = append(b, `,"number_count":`...)
	b = strconv.AppendInt(b, int64(s.numberCount), 10)
	return append(b, `,"call_info":[]}`...)
}

// sameHours reports whether every day has the same ranges.
func sameHours(days []dayTimes) bool {
	if len(days) == 0 {
		return false
	}
	for _, d := range days[1:] {
		if len(d.times) != len(days[0].times) {
			return false
		}
		for i, r := range d.times {
			if r != days[0].times[i] {
				return false
			}
		}
	}
	return true
}

// appendWeeks appends work_week: the days of the hours, in their order.
func appendWeeks(b []byte, days []dayTimes) []byte {
	b = append(b, '[')
	for i, d := range days {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(d.week), 10)
	}
	return append(b, ']')
}

// appendHolidays appends holiday items as the help site writes them.
func appendHolidays(b []byte, hs []holiday) []byte {
	b = append(b, '[')
	for i, h := range hs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = appendString(b, h.start)
		b = append(b, `,"end":`...)
		b = appendString(b, h.end)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendStrings appends ss as a JSON array, [] when empty.
func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendNullInt appends n, or null for 0.
func appendNullInt(b []byte, n int) []byte {
	if n == 0 {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// appendNullString appends s as a JSON string, or null for "".
func appendNullString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}
