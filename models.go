package agentapi

import (
	"encoding/json"
	"time"
)

// Task is one outbound-call task as the subset_task endpoint returns it.
//
// Every key of the vendor's example response has a field here, named after
// its JSON key. Values that the API sends in more than one shape (numbers as
// strings, booleans as 0/1, empty objects as [], lists as objects with
// numeric keys) are normalised while decoding, so the fields are plain Go
// types. A JSON null reads as the field's zero value.
//
// json.Marshal of a Task writes the API's keys back. Raw keeps the task's
// object exactly as it was received, so fields the SDK does not model yet are
// still reachable.
//
// Memory: Raw is the task's own copy of its object, and the task's strings
// live in that copy (or, when unescaped, in allocations of their own), never
// in the page's body. Keeping a task keeps about its own bytes alive (some
// 2.5 KB for a typical task), not its page; keeping one string of a task
// (its Name, say) keeps that task's copy alive too, so a caller that keeps a
// field of many tasks but not the tasks should strings.Clone it. UUID is
// always a copy of its own. Raw and the strings share memory: Raw must not
// be modified. Likewise TaskExtras, NewTaskExtra and Group share one
// allocation, and the task's work hours (and its int lists) another: they
// are the task's alone.
type Task struct {
	UUID           string `json:"uuid"`
	Name           string `json:"name"`
	CreateDatetime Time   `json:"create_datetime"`
	AlterDatetime  Time   `json:"alter_datetime"`
	// Deprecated: the vendor marks start as no longer used (废弃).
	Start       int  `json:"start"`
	Enable      bool `json:"enable"`
	MaximumCall int  `json:"maximumcall"` // maximum concurrent calls
	// Deprecated: the vendor marks call_per_second as no longer used (废弃).
	CallPerSecond int `json:"call_per_second"`
	// Deprecated: the vendor marks recycle_limit as no longer used (已废弃).
	RecycleLimit int `json:"recycle_limit"`
	// Deprecated: the vendor marks random_assignment_number as no longer used (已废弃).
	RandomAssignmentNumber int `json:"random_assignment_number"`
	// Deprecated: the vendor marks disable_dial_timegroup as no longer used (已废弃).
	DisableDialTimegroup json.RawMessage `json:"disable_dial_timegroup"`
	// DialTimeID is the legacy dial-time group; the vendor says it is for
	// reference only, as its working hours are not synced to the task.
	DialTimeID           int    `json:"dial_time_id"`
	DestinationExtension string `json:"destination_extension"` // the script (话术) group id, as a string; TaskInput.DestinationExtension sends it as a number
	// DestinationExtensionName is the script's name; sent by the settings
	// endpoint (GetTask).
	DestinationExtensionName  string          `json:"destination_extension_name,omitempty"`
	DestinationDialplan       string          `json:"destination_dialplan"`
	DestinationContext        string          `json:"destination_context"`
	SchedulingPolicyRatio     json.RawMessage `json:"scheduling_policy_ratio"`
	SchedulingQueue           json.RawMessage `json:"scheduling_queue"`
	DialFormat                string          `json:"dial_format"`
	Domain                    string          `json:"domain"`
	Remark                    string          `json:"remark"`
	Sort                      int             `json:"sort"`
	OriginateVariables        string          `json:"originate_variables"`
	OriginateTimeout          int             `json:"_originate_timeout"`
	OriginationCallerIDNumber string          `json:"_origination_caller_id_number"`
	UserID                    string          `json:"user_id"`
	AutoRecycleRuleID         int             `json:"auto_recycle_rule_id"`
	ClueConfigurationID       int             `json:"clue_configuration_id"`
	DeletedAt                 Time            `json:"deleted_at"`
	CallNotifyType            int             `json:"call_notify_type"`
	CallPauseSecond           int             `json:"call_pause_second"`
	CallNotifyFailStop        int             `json:"call_notify_fail_stop"`
	BridgeGroupID             int             `json:"bridge_group_id"` // transfer group id
	IsTest                    bool            `json:"is_test"`
	IsTop                     int             `json:"is_top"`
	EmptySeatStop             int             `json:"empty_seat_stop"`
	BackgroundFileID          int             `json:"background_file_id"`
	BackgroundFileName        string          `json:"background_file_name"`
	EndAction                 int             `json:"end_action"`
	TaskType                  int             `json:"task_type"`
	LineCallee                string          `json:"line_callee"`
	CacheNumberCount          int             `json:"cache_number_count"`
	ModeID                    int             `json:"mode_id"`
	BridgeMaximumCall         int             `json:"bridge_maximumcall"`
	BridgeProportion          int             `json:"bridge_proportion"`
	DirectBridge              int             `json:"direct_bridge"`
	DirectBridgeEcho          int             `json:"direct_bridge_echo"`
	LLMIntentionID            int             `json:"llm_intention_id"` // LLM quality-check config id
	RestartAt                 Time            `json:"restart_at"`
	EnableType                int             `json:"enable_type"`
	BackgroundID              int             `json:"background_id"`
	Background                string          `json:"background"`
	IsGroupSwitch             int             `json:"is_group_switch"`
	// TaskExtras is the task's local configuration; nil when the API sent
	// null, nothing, [] or {}.
	TaskExtras *TaskExtras `json:"task_extras"`
	StatusStr  string      `json:"status_str"`
	// NewTaskExtra is the remote task (远程任务). The vendor's page says a
	// task whose remote task is empty is abnormal and must be deleted and
	// recreated; it is nil then, and Status reports StatusAbnormal.
	NewTaskExtra *NewTaskExtra   `json:"new_task_extra"`
	CallerLine   json.RawMessage `json:"caller_line"`
	// CallerLineID and CallerLineName are the task's caller line, as the
	// settings endpoint (GetTask) sends them.
	CallerLineID   string `json:"caller_line_id,omitempty"`
	CallerLineName string `json:"caller_line_name,omitempty"`
	// CallStatus is the top-level call_status of the settings endpoint;
	// the list endpoints send it in NewTaskExtra only.
	CallStatus         bool            `json:"call_status,omitempty"`
	ElasticityTask     bool            `json:"elasticity_task,omitempty"` // elastic (弹性) task
	AutoRecycleRule    json.RawMessage `json:"auto_recycle_rule"`         // automatic redial rule
	Group              *TaskGroup      `json:"group"`                     // script group; nil when empty
	LLMIntentionConfig json.RawMessage `json:"llm_intention_config"`
	// StatusCode is the API's own "status" field. The task's state as the
	// vendor defines it is the method Status.
	StatusCode int `json:"status"`

	// Raw is the task's JSON object as received.
	Raw json.RawMessage `json:"-"`
}

// TaskExtras is a task's local configuration (task_extras).
type TaskExtras struct {
	Line      []json.RawMessage `json:"line"`
	StartTime Time              `json:"start_time"`
	StopTime  Time              `json:"stop_time"`
	WorkHour  []WorkHour        `json:"work_hour"`
	WorkWeek  []int             `json:"work_week"`         // 0 = Sunday ... 6 = Saturday
	Holiday   []Holiday         `json:"holiday,omitempty"` // days off within the task's dates
}

// NewTaskExtra is the remote task (new_task_extra) that the dialer runs.
// Its CallStatus, with the task's own Enable, decides the task's status.
type NewTaskExtra struct {
	Name                 string            `json:"name"`
	Enable               bool              `json:"enable"`
	Line                 []json.RawMessage `json:"line"`
	Limit                int               `json:"limit"`
	CPS                  int               `json:"cps"`
	StartTime            Time              `json:"start_time"`
	StopTime             Time              `json:"stop_time"`
	WorkWeek             []int             `json:"work_week"`
	WorkHour             []WorkHour        `json:"work_hour"`
	DestinationExtension string            `json:"destination_extension"`
	Blacklist            string            `json:"blacklist"`
	Background           string            `json:"background"`
	CallStatus           bool              `json:"call_status"`
	NumberCount          int               `json:"number_count"`
	CallInfo             []json.RawMessage `json:"call_info"`
	Holiday              []Holiday         `json:"holiday,omitempty"`
}

// WorkHour is one working-hours window of a task.
type WorkHour struct {
	// Wday is the day of the week, 0 = Sunday; -1 means every day.
	// The API sends it as a number in task_extras and as a string
	// ("-1") in new_task_extra; both read as an int.
	Wday  int    `json:"wday"`
	Begin string `json:"begin"` // "09:00"
	End   string `json:"end"`   // "12:00"
}

// TaskGroup is the script group (话术组) a task belongs to.
type TaskGroup struct {
	ID      int    `json:"id"`
	Name    string `json:"name"`
	Default bool   `json:"default"`
}

// PageMeta is the pagination block ("meta") of a list response.
type PageMeta struct {
	HasPages    bool `json:"has_pages"`    // whether the list spans more than one page
	Total       int  `json:"total"`        // items in the whole list
	LastPage    int  `json:"last_page"`    // number of the last page
	CurrentPage int  `json:"current_page"` // number of this page
	PerPage     int  `json:"per_page"`     // page size; Laravel echoes it as a string
}

// Time is a timestamp of the API. It reads "2006-01-02 15:04:05" in the
// client's time zone (China Standard Time, UTC+8, unless WithTimeZone says
// otherwise), RFC 3339 (Laravel's "2024-09-02T13:45:18.000000Z"), and
// null, "" or "0000-00-00 00:00:00" as the zero Time.
//
// An RFC 3339 value is read as its instant and carried in the client's zone,
// like the first form, so that every time of a task shares one zone and
// writing it back and reading it again gives the same instant:
// "2024-09-02T13:45:18.000000Z" reads as 2024-09-02 21:45:18 UTC+8.
//
// It writes the first form in the zone the value carries, so a value read
// under any zone writes back the string it was read from, and null when zero.
type Time struct {
	time.Time
}
