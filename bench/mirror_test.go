package bench

// The mirror structs a user writes for a reflection-based decoder: every
// field of the seed's task, times as strings. R is the raw-value type of the
// decoder (encoding/json's json.RawMessage, json v2's jsontext.Value) used for
// the fields whose shape is unknown or varies (null, [], objects); Q is the
// type of the two quirky fields, meta.per_page and work_hour's wday: raw to
// decode the real API at all, int for the typed variant of the quirk check.
type (
	envelope[R, Q any] struct {
		Code    int          `json:"code"`
		Status  string       `json:"status"`
		Message string       `json:"message"`
		Meta    meta[Q]      `json:"meta"`
		Data    []task[R, Q] `json:"data"`
	}
	meta[Q any] struct {
		HasPages    bool `json:"has_pages"`
		Total       int  `json:"total"`
		LastPage    int  `json:"last_page"`
		CurrentPage int  `json:"current_page"`
		PerPage     Q    `json:"per_page"`
	}
	task[R, Q any] struct {
		UUID                      string          `json:"uuid"`
		Name                      string          `json:"name"`
		CreateDatetime            string          `json:"create_datetime"`
		AlterDatetime             string          `json:"alter_datetime"`
		Start                     int             `json:"start"`
		Enable                    bool            `json:"enable"`
		MaximumCall               int             `json:"maximumcall"`
		CallPerSecond             int             `json:"call_per_second"`
		RecycleLimit              int             `json:"recycle_limit"`
		RandomAssignmentNumber    int             `json:"random_assignment_number"`
		DisableDialTimegroup      R               `json:"disable_dial_timegroup"`
		DialTimeID                int             `json:"dial_time_id"`
		DestinationExtension      string          `json:"destination_extension"`
		DestinationDialplan       string          `json:"destination_dialplan"`
		DestinationContext        string          `json:"destination_context"`
		SchedulingPolicyRatio     R               `json:"scheduling_policy_ratio"`
		SchedulingQueue           R               `json:"scheduling_queue"`
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
		DeletedAt                 string          `json:"deleted_at"`
		CallNotifyType            int             `json:"call_notify_type"`
		CallPauseSecond           int             `json:"call_pause_second"`
		CallNotifyFailStop        int             `json:"call_notify_fail_stop"`
		BridgeGroupID             int             `json:"bridge_group_id"`
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
		LLMIntentionID            int             `json:"llm_intention_id"`
		RestartAt                 string          `json:"restart_at"`
		EnableType                int             `json:"enable_type"`
		BackgroundID              int             `json:"background_id"`
		Background                string          `json:"background"`
		IsGroupSwitch             int             `json:"is_group_switch"`
		TaskExtras                *extras[R, Q]   `json:"task_extras"`
		StatusStr                 string          `json:"status_str"`
		NewTaskExtra              *newExtra[R, Q] `json:"new_task_extra"`
		CallerLine                R               `json:"caller_line"`
		AutoRecycleRule           R               `json:"auto_recycle_rule"`
		Group                     *group          `json:"group"`
		LLMIntentionConfig        R               `json:"llm_intention_config"`
		Status                    int             `json:"status"`
	}
	extras[R, Q any] struct {
		Line      []R           `json:"line"`
		StartTime string        `json:"start_time"`
		StopTime  string        `json:"stop_time"`
		WorkHour  []workHour[Q] `json:"work_hour"`
		WorkWeek  []int         `json:"work_week"`
	}
	newExtra[R, Q any] struct {
		Name                 string        `json:"name"`
		Enable               bool          `json:"enable"`
		Line                 []R           `json:"line"`
		Limit                int           `json:"limit"`
		CPS                  int           `json:"cps"`
		StartTime            string        `json:"start_time"`
		StopTime             string        `json:"stop_time"`
		WorkWeek             []int         `json:"work_week"`
		WorkHour             []workHour[Q] `json:"work_hour"`
		DestinationExtension string        `json:"destination_extension"`
		Blacklist            string        `json:"blacklist"`
		Background           string        `json:"background"`
		CallStatus           bool          `json:"call_status"`
		NumberCount          int           `json:"number_count"`
		CallInfo             []R           `json:"call_info"`
	}
	workHour[Q any] struct {
		Wday  Q      `json:"wday"`
		Begin string `json:"begin"`
		End   string `json:"end"`
	}
	group struct {
		ID      int    `json:"id"`
		Name    string `json:"name"`
		Default bool   `json:"default"`
	}
)
