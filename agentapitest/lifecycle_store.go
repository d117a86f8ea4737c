package agentapitest

import (
	"slices"
	"strconv"
	"time"
)

// settings is everything the 2.0 lifecycle can read or change of a task.
// A generated task has none until it is changed: settingsOf derives them
// from its number, so that its rendering does not change (lifecycle_test
// checks it byte for byte).
type settings struct {
	name         string
	enable       bool // the local task's flag
	callStatus   bool // new_task_extra.call_status
	abnormal     bool // no remote task: new_task_extra is sent as [] (or null: nullExtra)
	nullExtra    bool // an abnormal task's new_task_extra is null, not [] (tasks.go)
	full         bool // created through the API: task_extras carries holiday and interval_time
	maxCall      int
	dialTimeID   int
	destExt      int // destination_extension, the script group id
	remark       string
	bridgeGroup  int // 0 is null, as are the three below
	autoRecycle  int
	backgroundID int
	llmIntention int
	endAction    int
	enableType   int
	isCallIn     int
	isTop        bool
	restartAt    string // "" is null
	startTime    string
	stopTime     string
	lines        []string
	holidays     []holiday
	interval     int
	content      []dayTimes // the dial-time group's hours, copied when the task was saved
	groupID      int        // the "group" object: the script group
	groupName    string
	groupDefault bool
	numberCount  int
}

// holiday is one task_extras.holiday item.
type holiday struct{ start, end string }

// kind returns the task's status as tasks.go numbers them.
func (s *settings) kind() int {
	switch {
	case s.abnormal:
		return kindAbnormal
	case s.enable && s.callStatus:
		return kindDialing
	case s.enable:
		return kindWaiting
	case s.callStatus:
		return kindUndefined
	}
	return kindPaused
}

// running reports whether the vendor refuses to change the task (6007).
func (s *settings) running() bool { return s.enable && s.callStatus && !s.abnormal }

// lifeAccount is what the lifecycle keeps per user, beside its tasks.
type lifeAccount struct {
	groups    []dialGroup // nil until first changed: then the system group and the user's own
	nextGroup int         // id of the next group created; 0 until the first
}

// systemContent is the system group's hours: 09:00-12:00 and 13:00-18:00
// every day, the generated tasks' work_hour.
func systemContent() []dayTimes {
	days := make([]dayTimes, 7)
	for w := range days {
		days[w] = dayTimes{week: w, times: []timeRange{{"09:00", "12:00"}, {"13:00", "18:00"}}}
	}
	return days
}

// settingsOf returns the settings of t: its own, or those its number
// implies (see NewFake). The result is t's own when t has them.
func settingsOf(t *task) *settings {
	if t.life != nil {
		return t.life
	}
	seq := t.seq
	kind := int(t.kind)
	s := &settings{
		name:         t.name,
		enable:       kind == kindDialing || kind == kindWaiting || kind == kindAbnormal,
		callStatus:   kind == kindDialing || kind == kindUndefined,
		abnormal:     kind == kindAbnormal,
		nullExtra:    t.nullExtra,
		maxCall:      5 + seq%8*5,
		dialTimeID:   DefaultDialTimeGroupID,
		destExt:      101 + seq%5,
		endAction:    1,
		isTop:        seq%25 == 0,
		startTime:    string(t.created[:]),
		stopTime:     "2025-12-31 23:59:59",
		content:      systemContent(),
		groupID:      101 + seq%4,
		groupName:    "话术组-" + string(rune('A'+seq%4)),
		groupDefault: seq%4 == 0,
		numberCount:  seq * 37 % 500,
	}
	if seq%2 == 0 {
		s.autoRecycle = 94
	}
	if kind == kindPaused {
		s.restartAt = string(t.altered[:])
	}
	return s
}

// own gives t settings of its own, derived from its number if need be, and
// returns them for changing. The caller holds f.mu for writing.
func own(t *task) *settings {
	if t.life == nil {
		t.life = settingsOf(t)
	}
	return t.life
}

// findTask returns userID's task taskID and its account, or nil. A
// non-empty subUser must own it. The caller holds f.mu.
func (f *Fake) findTask(userID, taskID, subUser string) (*account, *task) {
	a := f.accounts[userID]
	if a == nil || taskID == "" {
		return nil, nil
	}
	for i := len(a.tasks) - 1; i >= 0; i-- {
		t := &a.tasks[i]
		if t.hasUUID(taskID) {
			if subUser != "" && a.ids[t.owner] != subUser {
				return nil, nil
			}
			return a, t
		}
	}
	return nil, nil
}

// account returns userID's account, creating it. The caller holds f.mu for
// writing.
func (f *Fake) account(userID string) *account {
	a := f.accounts[userID]
	if a == nil {
		a = newAccount(userID)
		f.accounts[userID] = a
	}
	return a
}

// ownerIndex returns the index in a.ids of the owner subUser ("" is the
// user itself), and false when it is none of the user's accounts.
func ownerIndex(a *account, subUser string) (int, bool) {
	if subUser == "" {
		return 0, true
	}
	i := slices.Index(a.ids[:], subUser)
	return i, i >= 0
}

// addLifeTask appends to a a new task owned by a.ids[owner] with settings
// s, and returns it. It takes the account's next number (never reused);
// its kind is that of s, for what reads t.kind. The caller holds f.mu for
// writing.
func addLifeTask(a *account, owner int, s *settings) *task {
	seq := a.next
	a.next++
	t := task{seq: seq, kind: int8(s.kind()), owner: int32(owner), name: s.name, life: s}
	formatUUID(&t.uuid, a.id+"\x00task\x00"+strconv.Itoa(seq))
	now := nowString()
	copy(t.created[:], now)
	copy(t.altered[:], now)
	a.tasks = append(a.tasks, t)
	return &a.tasks[len(a.tasks)-1]
}

// removeTask deletes t from a. The caller holds f.mu for writing.
func removeTask(a *account, t *task) {
	for i := range a.tasks {
		if &a.tasks[i] == t {
			a.tasks = slices.Delete(a.tasks, i, i+1)
			return
		}
	}
}

// touch sets t's alter_datetime to now.
func touch(t *task) { copy(t.altered[:], nowString()) }

// nowString returns the time now as the platform writes timestamps: in
// its time zone, UTC+8.
func nowString() string {
	return time.Now().In(time.FixedZone("CST", 8*60*60)).Format(time.DateTime)
}
