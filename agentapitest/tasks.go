package agentapitest

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// task is what the fake keeps of one generated task; the rest of its JSON
// follows from seq and is written by appendTask. Keeping ~120 bytes a task
// instead of its ~2.3 KB of JSON lets a fake hold 100,000 tasks in ~15 MB.
type task struct {
	seq        int      // the task's number within its account (see NewFake)
	kind       int8     // kindDialing, ...
	owner      int32    // index of its user_id in the account's ids
	nullExtra  bool     // an abnormal task's new_task_extra is null, not []
	customUUID string   // a seeded uuid; "" for the generated one in uuid
	uuid       [36]byte // formatted 8-4-4-4-12
	created    [19]byte // "2006-01-02 15:04:05"
	altered    [19]byte
	name       string
	life       *settings // non-nil once the task was created or changed through the API: lifecycle_store.go
}

// Task statuses by seq%10, as NewFake documents.
const (
	kindDialing   = iota // enable true, call_status true
	kindPaused           // enable false, call_status false
	kindWaiting          // enable true, call_status false
	kindAbnormal         // new_task_extra is []
	kindUndefined        // enable false, call_status true
)

// kindOf returns the status of task number seq, as NewFake documents.
func kindOf(seq int) int {
	switch seq % 10 {
	case 0, 1, 2:
		return kindDialing
	case 3, 4, 5:
		return kindPaused
	case 6, 7:
		return kindWaiting
	case 8:
		return kindAbnormal
	}
	return kindUndefined
}

// newTask generates task number seq of the user userID.
func newTask(userID string, seq int) task {
	t := task{seq: seq, kind: int8(kindOf(seq)), owner: int32(seq % 4)}
	// Abnormal tasks alternate between the two shapes PHP gives an empty
	// remote task: null (seq 8, 28, 48, ...) and [] (18, 38, ...).
	t.nullExtra = t.kind == kindAbnormal && seq/10%2 == 0
	formatUUID(&t.uuid, userID+"\x00task\x00"+strconv.Itoa(seq))
	// The first task has the seed's create_datetime; the next ones come
	// 433 s apart, so 100,000 tasks span about 16 months.
	first := time.Date(2024, 9, 2, 21, 45, 18, 0, time.UTC)
	c := first.Add(time.Duration(seq) * 433 * time.Second)
	c.AppendFormat(t.created[:0], time.DateTime)
	c.Add(time.Duration(seq%5)*time.Hour).AppendFormat(t.altered[:0], time.DateTime)
	num := strconv.Itoa(seq + 1)
	for len(num) < 4 {
		num = "0" + num
	}
	suffixes := [...]string{"回访", "催收提醒", "满意度调查", "新品推广", "会员关怀", "续费通知", "活动邀约"}
	t.name = "外呼任务-" + num + " " + suffixes[seq%7]
	return t
}

// formatUUID writes into dst a version-4 UUID derived from the SHA-256 of
// key, so that the same key always yields the same UUID.
func formatUUID(dst *[36]byte, key string) {
	sum := sha256.Sum256([]byte(key))
	sum[6] = sum[6]&0x0f | 0x40 // version 4
	sum[8] = sum[8]&0x3f | 0x80 // RFC 4122 variant
	hex.Encode(dst[0:8], sum[0:4])
	dst[8] = '-'
	hex.Encode(dst[9:13], sum[4:6])
	dst[13] = '-'
	hex.Encode(dst[14:18], sum[6:8])
	dst[18] = '-'
	hex.Encode(dst[19:23], sum[8:10])
	dst[23] = '-'
	hex.Encode(dst[24:36], sum[10:16])
}

// SubAccounts returns the ids of the three sub-accounts over which the fake
// spreads the tasks of userID (see NewFake): deterministic UUIDs derived
// from userID, the values to pass as sub_user_id.
func SubAccounts(userID string) []string {
	subs := make([]string, 3)
	for k := range subs {
		var id [36]byte
		formatUUID(&id, userID+"\x00sub\x00"+strconv.Itoa(k+1))
		subs[k] = string(id[:])
	}
	return subs
}

// workHours is task_extras.work_hour: 09:00-12:00 and 13:00-18:00 on every
// day of the week, wday a number.
const workHours = `[{"end":"12:00","wday":0,"begin":"09:00"},{"end":"18:00","wday":0,"begin":"13:00"},` +
	`{"end":"12:00","wday":1,"begin":"09:00"},{"end":"18:00","wday":1,"begin":"13:00"},` +
	`{"end":"12:00","wday":2,"begin":"09:00"},{"end":"18:00","wday":2,"begin":"13:00"},` +
	`{"end":"12:00","wday":3,"begin":"09:00"},{"end":"18:00","wday":3,"begin":"13:00"},` +
	`{"end":"12:00","wday":4,"begin":"09:00"},{"end":"18:00","wday":4,"begin":"13:00"},` +
	`{"end":"12:00","wday":5,"begin":"09:00"},{"end":"18:00","wday":5,"begin":"13:00"},` +
	`{"end":"12:00","wday":6,"begin":"09:00"},{"end":"18:00","wday":6,"begin":"13:00"}]`

// stopTime is every task's task_extras and new_task_extra stop_time.
const stopTime = `"2025-12-31 23:59:59"`

// appendTask appends the JSON object of t, owned by account a, to b: the
// seed's keys in the seed's order, compact, as Laravel writes them. It uses
// no reflection: constant runs of bytes and a few numbers.
func appendTask(b []byte, a *account, t *task) []byte {
	if t.life != nil {
		return appendLifeTask(b, a, t)
	}
	seq := t.seq
	kind := int(t.kind)
	enable := kind == kindDialing || kind == kindWaiting || kind == kindAbnormal
	maxCall := 5 + seq%8*5
	ext := byte('1' + seq%5) // destination_extension "101".."105"

	b = append(b, `{"uuid":"`...)
	b = t.appendUUID(b)
	b = append(b, `","name":`...)
	b = appendString(b, t.name)
	b = append(b, `,"create_datetime":"`...)
	b = append(b, t.created[:]...)
	b = append(b, `","alter_datetime":"`...)
	b = append(b, t.altered[:]...)
	b = append(b, `","start":0,"enable":`...)
	b = strconv.AppendBool(b, enable)
	b = append(b, `,"maximumcall":`...)
	b = strconv.AppendInt(b, int64(maxCall), 10)
	b = append(b, `,"call_per_second":10,"recycle_limit":0,"random_assignment_number":0,`+
		`"disable_dial_timegroup":null,"dial_time_id":96,"destination_extension":"10`...)
	b = append(b, ext)
	b = append(b, `","destination_dialplan":"XML","destination_context":"default",`+
		`"scheduling_policy_ratio":null,"scheduling_queue":null,"dial_format":"user/0000",`+
		`"domain":null,"remark":null,"sort":`...)
	b = strconv.AppendInt(b, int64(seq+1), 10)
	b = append(b, `,"originate_variables":"{execute_on_media=start_da}","_originate_timeout":60,`+
		`"_origination_caller_id_number":"20101","user_id":`...)
	b = append(b, a.quoted[t.owner]...)
	b = append(b, `,"auto_recycle_rule_id":`...)
	if seq%2 == 0 {
		b = append(b, "94"...)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"clue_configuration_id":null,"deleted_at":null,"call_notify_type":2,`+
		`"call_pause_second":0,"call_notify_fail_stop":0,"bridge_group_id":null,"is_test":false,"is_top":`...)
	b = append(b, byte('0'+boolInt(seq%25 == 0)))
	b = append(b, `,"empty_seat_stop":0,"background_file_id":null,"background_file_name":null,`+
		`"end_action":1,"task_type":6,"line_callee":"","cache_number_count":0,"mode_id":null,`+
		`"bridge_maximumcall":0,"bridge_proportion":0,"direct_bridge":0,"direct_bridge_echo":0,`+
		`"llm_intention_id":0,"restart_at":`...)
	if kind == kindPaused { // a paused task remembers when it last ran
		b = append(b, '"')
		b = append(b, t.altered[:]...)
		b = append(b, '"')
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"enable_type":0,"background_id":null,"background":"","is_group_switch":0,`+
		`"task_extras":{"line":[],"stop_time":`+stopTime+`,"work_hour":`+workHours+
		`,"work_week":[0,1,2,3,4,5,6],"start_time":"`...)
	b = append(b, t.created[:]...)
	b = append(b, `"},"status_str":`...)
	b = append(b, statusStr(kind)...)
	b = append(b, `,"new_task_extra":`...)
	if kind == kindAbnormal && t.nullExtra {
		b = append(b, "null"...) // the remote task is missing
	} else if kind == kindAbnormal {
		b = append(b, "[]"...) // PHP's empty array: the remote task is missing
	} else {
		b = appendRemote(b, t, kind, maxCall, ext)
	}
	b = append(b, `,"caller_line":null,"auto_recycle_rule":null,"group":{"id":`...)
	b = strconv.AppendInt(b, int64(101+seq%4), 10)
	b = append(b, `,"name":"话术组-`...)
	b = append(b, byte('A'+seq%4))
	b = append(b, `","default":`...)
	b = strconv.AppendBool(b, seq%4 == 0)
	b = append(b, `},"llm_intention_config":null,"status":`...)
	b = append(b, statusCode(kind))
	return append(b, '}')
}

// appendRemote appends new_task_extra, the remote task; wday is a string
// there ("-1": every day), unlike in task_extras.
func appendRemote(b []byte, t *task, kind, maxCall int, ext byte) []byte {
	callStatus := kind == kindDialing || kind == kindUndefined
	b = append(b, `{"name":`...)
	b = appendString(b, t.name)
	b = append(b, `,"enable":`...)
	b = strconv.AppendBool(b, callStatus) // the remote side's own flag: plays no part in the status
	b = append(b, `,"line":[],"limit":`...)
	b = strconv.AppendInt(b, int64(maxCall), 10)
	b = append(b, `,"cps":1,"start_time":"`...)
	b = append(b, t.created[:]...)
	b = append(b, `","stop_time":`+stopTime+`,"work_week":[0,1,2,3,4,5,6],`+
		`"work_hour":[{"wday":"-1","begin":"09:00","end":"12:00"},{"wday":"-1","begin":"13:00","end":"18:00"}],`+
		`"destination_extension":"10`...)
	b = append(b, ext)
	b = append(b, `","blacklist":"","background":"","call_status":`...)
	b = strconv.AppendBool(b, callStatus)
	b = append(b, `,"number_count":`...)
	b = strconv.AppendInt(b, int64(t.seq*37%500), 10)
	return append(b, `,"call_info":[]}`...)
}

// statusStr returns the status_str, a JSON string, the platform shows for
// a task of that kind.
func statusStr(kind int) string {
	switch kind {
	case kindDialing:
		return `"运行中"`
	case kindWaiting:
		return `"等待中"`
	case kindAbnormal:
		return `"异常"`
	}
	return `"停止"`
}

// statusCode returns the task's numeric "status" digit for its kind (the
// vendor does not document it; the seed's paused task has 1).
func statusCode(kind int) byte {
	switch kind {
	case kindDialing:
		return '2'
	case kindWaiting:
		return '3'
	case kindAbnormal:
		return '0'
	}
	return '1'
}

// boolInt returns 1 for true and 0 for false.
func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}
