package agentapitest

import (
	"slices"
	"strconv"
)

// TaskRunningCode is the envelope code the platform answers, with HTTP 200
// and the message "2.0任务启动中,请先停止任务", to a change of a running 2.0
// task (enable and call_status both true): the fake refuses an update with
// it.
const (
	TaskRunningCode    = 6007
	taskRunningMessage = "2.0任务启动中,请先停止任务"
)

// createTask answers POST .../task: a task owned by the user, or by the
// body's sub_user_id (one of SubAccounts), paused (the vendor documents no
// start endpoint; SetTaskState starts one), with a remote task built from
// its settings. data is the new task as the lists show it.
func (f *Fake) createTask(c *lifeCall, userID string) (int, []byte) {
	s, errs := taskInput(c.input())
	if len(errs) > 0 {
		return c.invalid(errs)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.account(userID)
	owner, ok := ownerIndex(a, c.subUser())
	if !ok {
		return c.invalid(errList{{"sub_user_id", "The selected sub user id is invalid."}})
	}
	s.content = f.groupContent(userID, s.dialTimeID)
	t := addLifeTask(a, owner, s)
	return c.envelope("任务创建成功", func(b []byte) []byte { return appendLifeTask(b, a, t) })
}

// updateTask answers PUT .../task/{id}: 404 for an unknown task, 422 for a
// bad body, the 6007 envelope for a running task; otherwise the settings
// are replaced (state, owner and counters kept) and data is the task.
func (f *Fake) updateTask(c *lifeCall, userID, taskID string) (int, []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, t := f.findTask(userID, taskID, c.subUser())
	if t == nil {
		return c.notFound("Task", taskID)
	}
	in, errs := taskInput(c.input())
	if len(errs) > 0 {
		return c.invalid(errs)
	}
	old := settingsOf(t)
	if old.running() {
		return c.refuse(TaskRunningCode, taskRunningMessage)
	}
	in.enable, in.callStatus, in.abnormal = old.enable, old.callStatus, old.abnormal
	in.isTop, in.restartAt, in.numberCount = old.isTop, old.restartAt, old.numberCount
	in.content = f.groupContent(userID, in.dialTimeID)
	t.life, t.name = in, in.name
	touch(t)
	return c.envelope("任务修改成功", func(b []byte) []byte { return appendLifeTask(b, a, t) })
}

// pauseTask answers PUT .../task_stop/{id}: enable and call_status become
// false (restart_at remembers when, if it ran); data is [].
func (f *Fake) pauseTask(c *lifeCall, userID, taskID string) (int, []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, t := f.findTask(userID, taskID, c.subUser())
	if t == nil {
		return c.notFound("Task", taskID)
	}
	s := own(t)
	if s.enable || s.callStatus {
		touch(t)
		s.restartAt = string(t.altered[:])
	}
	s.enable, s.callStatus = false, false
	return c.envelope("任务暂停成功", nil)
}

// copyTask answers GET .../copy/task/{id}: a new task (new UUID, newest in
// the lists, same owner) with the settings of the original, named
// "<name>-副本", paused, with a fresh remote task even when the original's
// was missing. data is the copy as the lists show it.
func (f *Fake) copyTask(c *lifeCall, userID, taskID string) (int, []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, t := f.findTask(userID, taskID, c.subUser())
	if t == nil {
		return c.notFound("Task", taskID)
	}
	s := *settingsOf(t)
	s.name += "-副本"
	s.enable, s.callStatus, s.abnormal, s.nullExtra = false, false, false, false
	s.isTop, s.restartAt, s.numberCount = false, "", 0
	s.lines = slices.Clone(s.lines)
	s.holidays = slices.Clone(s.holidays)
	n := addLifeTask(a, int(t.owner), &s)
	return c.envelope("任务复制成功", func(b []byte) []byte { return appendLifeTask(b, a, n) })
}

// deleteTask answers DELETE /agent-api/user/{u}/task/{id}: the task leaves
// both lists; data is [].
func (f *Fake) deleteTask(c *lifeCall, userID, taskID string) (int, []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, t := f.findTask(userID, taskID, c.r.URL.Query().Get("sub_user_id"))
	if t == nil {
		return c.notFound("Task", taskID)
	}
	removeTask(a, t)
	return c.envelope("任务删除成功", nil)
}

// serveEdit answers GET .../task/{id}/edit with the task's settings.
func (f *Fake) serveEdit(c *lifeCall, userID, taskID string) (int, []byte) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	_, t := f.findTask(userID, taskID, c.r.URL.Query().Get("sub_user_id"))
	if t == nil {
		return c.notFound("Task", taskID)
	}
	return c.envelope("返回任务信息成功", func(b []byte) []byte { return appendEditTask(b, t) })
}

// serveSetup answers GET .../task/create: the user's dial-time groups and
// caller lines.
func (f *Fake) serveSetup(c *lifeCall, userID string) (int, []byte) {
	f.mu.RLock()
	groups := slices.Clone(f.groupsOf(userID)) // saveGroup changes them in place
	f.mu.RUnlock()
	return c.envelope("返回任务初始化信息成功", func(b []byte) []byte {
		b = append(b, `{"task_dial_times":[`...)
		for i, g := range groups {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendGroup(b, userID, g)
		}
		b = append(b, `],"caller_line_list":[`...)
		for i, id := range CallerLines(userID) {
			if i > 0 {
				b = append(b, ',')
			}
			n := strconv.Itoa(i + 1)
			b = append(b, `{"name":"外呼线路-`+n+`","remark":"测试线路`+n+`","line_id":"`...)
			b = append(b, id...)
			b = append(b, `","belong_user":`...)
			b = appendString(b, userID)
			b = append(b, '}')
		}
		return append(b, "]}"...)
	})
}

// CallerLines returns the ids of the caller lines the fake offers userID
// (data.caller_line_list of GET .../task/create): two UUIDs derived from
// userID, for a task's task_extras.line. The fake does not check a task's
// lines against them.
func CallerLines(userID string) []string {
	lines := make([]string, 2)
	for k := range lines {
		var id [36]byte
		formatUUID(&id, userID+"\x00line\x00"+strconv.Itoa(k+1))
		lines[k] = string(id[:])
	}
	return lines
}
