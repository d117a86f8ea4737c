package agentapi

import "fmt"

// TaskStatus is a task's state as the vendor's page defines it: derived from
// the task's own enable flag and its remote task's call_status.
type TaskStatus int

const (
	// StatusUnknown is enable=false with call_status=true, a combination
	// for which the vendor's page defines no status.
	StatusUnknown TaskStatus = iota
	// StatusDialing (任务拨打中): enable=true, call_status=true.
	StatusDialing
	// StatusPaused (任务暂停中): enable=false, call_status=false.
	StatusPaused
	// StatusWaiting (任务等待执行): enable=true, call_status=false.
	StatusWaiting
	// StatusAbnormal: new_task_extra is empty. The vendor's page calls such
	// a task abnormal, to be deleted and recreated.
	StatusAbnormal
)

var statusWords = [...]string{"unknown", "dialing", "paused", "waiting", "abnormal"}

var statusLabels = [...]string{"未定义状态", "任务拨打中", "任务暂停中", "任务等待执行", "异常任务"}

// DeriveStatus returns the status of a task whose top-level enable flag is
// enable and whose remote task (new_task_extra) is remote. A nil remote task
// is StatusAbnormal.
func DeriveStatus(enable bool, remote *NewTaskExtra) TaskStatus {
	switch {
	case remote == nil:
		return StatusAbnormal
	case enable && remote.CallStatus:
		return StatusDialing
	case enable:
		return StatusWaiting
	case !remote.CallStatus:
		return StatusPaused
	default:
		return StatusUnknown
	}
}

// Status returns the task's derived status: DeriveStatus of its Enable and
// NewTaskExtra. It ignores the API's own "status" and "status_str" fields,
// which the vendor does not document as the task's state.
func (t *Task) Status() TaskStatus {
	return DeriveStatus(t.Enable, t.NewTaskExtra)
}

// String returns the status's word: "unknown", "dialing", "paused",
// "waiting" or "abnormal". A value outside the constants reads
// "TaskStatus(n)".
func (s TaskStatus) String() string {
	if s >= 0 && int(s) < len(statusWords) {
		return statusWords[s]
	}
	return fmt.Sprintf("TaskStatus(%d)", int(s))
}

// Label returns the status in the Chinese wording of the vendor's page, such
// as "任务拨打中". StatusUnknown, which the page leaves undefined, reads
// "未定义状态"; StatusAbnormal reads "异常任务".
func (s TaskStatus) Label() string {
	if s >= 0 && int(s) < len(statusLabels) {
		return statusLabels[s]
	}
	return s.String()
}

// MarshalText implements encoding.TextMarshaler with the String words. It
// fails for a value outside the constants.
func (s TaskStatus) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(statusWords) {
		return nil, invalidf("invalid task status %d", int(s))
	}
	return []byte(statusWords[s]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It reads the words of
// String and fails, wrapping ErrInvalidArgument, for any other text.
func (s *TaskStatus) UnmarshalText(text []byte) error {
	st, err := ParseTaskStatus(string(text))
	if err != nil {
		return err
	}
	*s = st
	return nil
}

// ParseTaskStatus returns the status whose String word is word, such as
// "dialing". It fails, wrapping ErrInvalidArgument, for any other word.
func ParseTaskStatus(word string) (TaskStatus, error) {
	for i, w := range statusWords {
		if w == word {
			return TaskStatus(i), nil
		}
	}
	return StatusUnknown, invalidf("unknown task status %q (want one of unknown, dialing, paused, waiting, abnormal)", word)
}
