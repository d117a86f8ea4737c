package agentapitest

// TaskSeed is a task of one's own for WithTaskSeeds and AddTaskSeeds: the
// fields a test cares about; the rest of the task is generated as for
// WithTasks.
type TaskSeed struct {
	// Name is the task's name; "" gives the generated one.
	Name string
	// Status is one of the SDK's TaskStatus words: "dialing" (enable
	// true, new_task_extra.call_status true), "paused" (false, false),
	// "waiting" (true, false), "abnormal" (new_task_extra empty) or
	// "unknown" (false, true). "" is "dialing"; another word is "unknown".
	Status string
	// NullExtra sends an abnormal task's new_task_extra as null instead
	// of PHP's empty array []; the real server sends either.
	NullExtra bool
	// UserID is the task's user_id: the main user (""), one of its
	// SubAccounts, or any other id, which then filters as a sub-account.
	UserID string
	// UUID is the task's uuid; "" gives the generated one.
	UUID string
}

// WithTaskSeeds gives the user userID the tasks seeds, in the order
// given, after any it already has (so the last seed is the first of the
// list, which is newest first).
func WithTaskSeeds(userID string, seeds ...TaskSeed) Option {
	return func(f *Fake) { f.AddTaskSeeds(userID, seeds...) }
}

// AddTaskSeeds adds the tasks seeds to userID while the fake runs, in the
// order given: as AddTasks, they come first in the list and shift the
// others down.
func (f *Fake) AddTaskSeeds(userID string, seeds ...TaskSeed) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.accountLocked(userID)
	for _, s := range seeds {
		t := newTask(userID, a.next)
		a.next++
		t.kind, t.nullExtra = int8(kindOfWord(s.Status)), s.NullExtra
		if s.Name != "" {
			t.name = s.Name
		}
		if s.UserID != "" {
			t.owner = int32(a.owner(s.UserID))
		} else {
			t.owner = 0
		}
		if s.UUID != "" {
			t.uuid = [36]byte{}
			t.customUUID = s.UUID
		}
		a.tasks = append(a.tasks, t)
	}
}

// kindOfWord returns the kind of a TaskStatus word (see TaskSeed.Status).
func kindOfWord(w string) int {
	switch w {
	case "", "dialing":
		return kindDialing
	case "paused":
		return kindPaused
	case "waiting":
		return kindWaiting
	case "abnormal":
		return kindAbnormal
	}
	return kindUndefined
}

// uuidString returns t's uuid.
func (t *task) uuidString() string {
	if t.customUUID != "" {
		return t.customUUID
	}
	return string(t.uuid[:])
}

// hasUUID reports whether t's uuid is id, without allocating.
func (t *task) hasUUID(id string) bool {
	if t.customUUID != "" {
		return t.customUUID == id
	}
	return string(t.uuid[:]) == id
}

// appendUUID appends t's uuid, the contents of a JSON string.
func (t *task) appendUUID(b []byte) []byte {
	if t.customUUID != "" {
		q := quoteJSON(t.customUUID)
		return append(b, q[1:len(q)-1]...)
	}
	return append(b, t.uuid[:]...)
}
