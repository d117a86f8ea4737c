package agentapi

import "encoding/json"

// Holiday is a span of days off of a task (task_extras.holiday): no calls
// between Start and End.
type Holiday struct {
	Start string `json:"start"` // "2024-11-01 13:25"
	End   string `json:"end"`
}

// TaskSetup is what a new task can use (GetTaskSetup): the user's dial-time
// groups (data.task_dial_times) and caller lines (data.caller_line_list).
// json.Marshal writes the API's keys, as for every model.
type TaskSetup struct {
	DialTimeGroups []DialTimeGroup `json:"task_dial_times"`
	CallerLines    []CallerLine    `json:"caller_line_list"`
	Raw            json.RawMessage `json:"-"` // data as received
}

// CallerLine is a line that a task can call out on.
type CallerLine struct {
	LineID     string          `json:"line_id"`
	Name       string          `json:"name"`
	Remark     string          `json:"remark"`
	BelongUser string          `json:"belong_user"`
	Raw        json.RawMessage `json:"-"` // the line's object as received
}

// DialTimeGroup is a named set of dialling hours by day of the week
// (外呼时间组), which a 2.0 task refers to by its ID (TaskInput.DialTimeID).
type DialTimeGroup struct {
	ID          int             `json:"id"`
	Name        string          `json:"name"`
	UserID      string          `json:"user_id"`
	Content     []DialTimeDay   `json:"content"`
	IsDefault   bool            `json:"is_default"`
	SkipHoliday bool            `json:"skip_holiday"`
	Remark      string          `json:"remark"`
	CreatedAt   Time            `json:"created_at"`
	UpdatedAt   Time            `json:"updated_at"`
	Raw         json.RawMessage `json:"-"` // the group's object as received
}

// DialTimeDay is the dialling hours of one day of the week.
type DialTimeDay struct {
	Week  int         `json:"week"` // 0..6 as the vendor numbers them
	Times []TimeRange `json:"times"`
}

// TimeRange is one span of dialling hours of a day.
type TimeRange struct {
	Begin string `json:"begin_time"` // "09:00"
	End   string `json:"end_time"`
}
