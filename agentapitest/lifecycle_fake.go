package agentapitest

import "slices"

// TaskState is a snapshot of one task as the fake holds it, for a test's
// assertions. Changing it changes nothing in the fake.
type TaskState struct {
	UUID                 string
	Name                 string
	UserID               string   // the owner: the user or one of its SubAccounts
	Enable               bool     // the task's enable
	CallStatus           bool     // new_task_extra.call_status
	Abnormal             bool     // new_task_extra is sent as [] (no remote task)
	MaximumCall          int      // concurrent lines (maximumcall)
	DialTimeID           int      // the dial-time group (dial_time_id)
	DestinationExtension int      // the script group id (destination_extension)
	Lines                []string // task_extras.line
	StartTime            string   // task_extras.start_time, as sent
	StopTime             string   // task_extras.stop_time, as sent
}

// Task returns the task taskID of userID (any of its sub-accounts), and
// false when the user has no such task: a created, copied or generated
// task, until it is deleted.
func (f *Fake) Task(userID, taskID string) (TaskState, bool) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	a, t := f.findTask(userID, taskID, "")
	if t == nil {
		return TaskState{}, false
	}
	s := settingsOf(t)
	return TaskState{
		UUID: t.uuidString(), Name: s.name, UserID: a.ids[t.owner],
		Enable: s.enable, CallStatus: s.callStatus && !s.abnormal, Abnormal: s.abnormal,
		MaximumCall: s.maxCall, DialTimeID: s.dialTimeID, DestinationExtension: s.destExt,
		Lines: slices.Clone(s.lines), StartTime: s.startTime, StopTime: s.stopTime,
	}, true
}

// SetTaskState sets a task's enable and its remote call_status, as the
// platform's own console would: enable and callStatus both true is a
// running task (dialing; an update then answers the 6007 envelope), true
// and false a waiting one, false and false a paused one. The vendor
// documents no start endpoint: this is how a test starts a task. It
// reports false when userID has no task taskID. An abnormal task stays
// abnormal (its new_task_extra is still []).
func (f *Fake) SetTaskState(userID, taskID string, enable, callStatus bool) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, t := f.findTask(userID, taskID, "")
	if t == nil {
		return false
	}
	s := own(t)
	s.enable, s.callStatus = enable, callStatus
	touch(t)
	return true
}
