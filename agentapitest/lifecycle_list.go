package agentapitest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// taskListMessage is the message of a page of the 2.0 list.
const taskListMessage = "返回任务列表信息成功"

// serveTaskList answers GET /agent-api/new/user/{u}/task: the tasks of
// subset_task (sub-accounts included: the vendor's page, which once gave
// the subset_task path, does not say otherwise), with the same paging,
// name and sub_user_id, plus the status filter: status=1 or status[]=1
// keeps the paused tasks (enable false, call_status false), 3 those
// dialing or waiting (enable true); several values keep the union, and a
// value other than 1 and 3 keeps nothing.
func (f *Fake) serveTaskList(c *lifeCall, userID string) (int, []byte) {
	q, fields, ok := parseQuery(c.r.URL.RawQuery)
	if len(fields) > 0 {
		return appendValidation(c.b, c.h, fields)
	}
	if !ok {
		return appendError(c.b, c.h, c.r, http.StatusInternalServerError, "Server Error")
	}
	filter, paused, active := statusFilter(c.r.URL.RawQuery)
	f.mu.RLock()
	defer f.mu.RUnlock()
	a := f.accounts[userID]
	var tasks []task
	if a != nil {
		tasks = a.tasks
	}
	total, skip := 0, offset(q)
	var hits []int
	match := likeMatcher(q.name)
	for i := len(tasks) - 1; i >= 0; i-- {
		t := &tasks[i]
		if q.subUser != "" && a.ids[t.owner] != q.subUser || q.name != "" && !match(t.name) {
			continue
		}
		if filter {
			enable, call := flags(t)
			if !(paused && !enable && !call || active && enable) {
				continue
			}
		}
		if total >= skip && len(hits) < q.limit {
			hits = append(hits, i)
		}
		total++
	}
	b := appendHead(c.b, taskListMessage, total, q)
	for k, i := range hits {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendTask(b, a, &tasks[i])
	}
	return c.ok(append(b, "]}"...))
}

// statusFilter reads status, status[] or status[N] from a raw query, as
// PHP does: filter is false when none has a value.
func statusFilter(raw string) (filter, paused, active bool) {
	vals, _ := url.ParseQuery(raw)
	for k, vs := range vals {
		if k != "status" && !strings.HasPrefix(k, "status[") {
			continue
		}
		for _, v := range vs {
			if v = trimPHP(v); v == "" {
				continue
			}
			filter = true
			switch n, _ := strconv.Atoi(v); n {
			case 1:
				paused = true
			case 3:
				active = true
			}
		}
	}
	return filter, paused, active
}

// flags returns t's enable and its remote call_status (false when the
// remote task is missing), without building its settings.
func flags(t *task) (enable, callStatus bool) {
	if s := t.life; s != nil {
		return s.enable, s.callStatus && !s.abnormal
	}
	switch int(t.kind) {
	case kindDialing:
		return true, true
	case kindWaiting, kindAbnormal:
		return true, false
	case kindUndefined:
		return false, true
	}
	return false, false
}
