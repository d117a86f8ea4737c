package agentapi

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

//go:embed testdata/subset_task_example.json
var seedExample []byte

// benchPage returns a subset_task response body of n tasks in the seed
// example's shape, compact as the server sends it (about 2.5 KB a task):
// each task is the seed's task with its own uuid and name, the quirks kept
// (meta.per_page and new_task_extra's wday as strings, nulls, [] lists).
func benchPage(n int) []byte {
	var seed struct {
		Data []json.RawMessage `json:"data"`
	}
	var task bytes.Buffer
	if json.Unmarshal(seedExample, &seed) != nil || len(seed.Data) == 0 || json.Compact(&task, seed.Data[0]) != nil {
		return nil
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"code":200,"status":"success","message":"返回所有子账号的任务列表信息成功",`+
		`"meta":{"has_pages":true,"total":%d,"last_page":1,"current_page":1,"per_page":"%d"},"data":[`, n, n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		t := strings.Replace(task.String(), "dc7dd781-6d8a-42b1-9402-6d57636a8513",
			fmt.Sprintf("dc7dd781-6d8a-42b1-9402-%012x", i), 1)
		b.WriteString(strings.Replace(t, `"name":"子账户"`, fmt.Sprintf(`"name":"子账户%d"`, i), 1))
	}
	b.WriteString("]}")
	return b.Bytes()
}

// The mirror structs a user would write for encoding/json: every field,
// the quirky ones (per_page, wday) as json.RawMessage, times as strings.
type (
	stdEnvelope struct {
		Code    int       `json:"code"`
		Status  string    `json:"status"`
		Message string    `json:"message"`
		Meta    stdMeta   `json:"meta"`
		Data    []stdTask `json:"data"`
	}
	stdMeta struct {
		HasPages    bool            `json:"has_pages"`
		Total       int             `json:"total"`
		LastPage    int             `json:"last_page"`
		CurrentPage int             `json:"current_page"`
		PerPage     json.RawMessage `json:"per_page"`
	}
	stdTask struct {
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
		DisableDialTimegroup      json.RawMessage `json:"disable_dial_timegroup"`
		DialTimeID                int             `json:"dial_time_id"`
		DestinationExtension      string          `json:"destination_extension"`
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
		TaskExtras                *stdExtras      `json:"task_extras"`
		StatusStr                 string          `json:"status_str"`
		NewTaskExtra              *stdNewExtra    `json:"new_task_extra"`
		CallerLine                json.RawMessage `json:"caller_line"`
		AutoRecycleRule           json.RawMessage `json:"auto_recycle_rule"`
		Group                     *stdGroup       `json:"group"`
		LLMIntentionConfig        json.RawMessage `json:"llm_intention_config"`
		Status                    int             `json:"status"`
	}
	stdExtras struct {
		Line      []json.RawMessage `json:"line"`
		StartTime string            `json:"start_time"`
		StopTime  string            `json:"stop_time"`
		WorkHour  []stdWorkHour     `json:"work_hour"`
		WorkWeek  []int             `json:"work_week"`
	}
	stdNewExtra struct {
		Name                 string            `json:"name"`
		Enable               bool              `json:"enable"`
		Line                 []json.RawMessage `json:"line"`
		Limit                int               `json:"limit"`
		CPS                  int               `json:"cps"`
		StartTime            string            `json:"start_time"`
		StopTime             string            `json:"stop_time"`
		WorkWeek             []int             `json:"work_week"`
		WorkHour             []stdWorkHour     `json:"work_hour"`
		DestinationExtension string            `json:"destination_extension"`
		Blacklist            string            `json:"blacklist"`
		Background           string            `json:"background"`
		CallStatus           bool              `json:"call_status"`
		NumberCount          int               `json:"number_count"`
		CallInfo             []json.RawMessage `json:"call_info"`
	}
	stdWorkHour struct {
		Wday  json.RawMessage `json:"wday"`
		Begin string          `json:"begin"`
		End   string          `json:"end"`
	}
	stdGroup struct {
		ID      int    `json:"id"`
		Name    string `json:"name"`
		Default bool   `json:"default"`
	}
)

// benchTasks is the page size of the decoding benchmarks.
const benchTasks = 100

// perTask runs decode b.N times and reports the figures of issue 5 per
// task: µs/task and allocs/task, beside the usual per-page ones.
func perTask(b *testing.B, page []byte, decode func() (int, error)) {
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := decode()
		if err != nil || n != benchTasks {
			b.Fatalf("decoded %d tasks: %v", n, err)
		}
	}
	b.StopTimer()
	cpu = processCPU() - cpu
	runtime.ReadMemStats(&after)
	per := float64(b.N) * benchTasks
	if cpu > 0 {
		// CPU of the whole process, GC included: steadier than the
		// elapsed time on a shared machine.
		b.ReportMetric(float64(cpu.Nanoseconds())/per/1000, "cpu-µs/task")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per/1000, "µs/task")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/per, "allocs/task")
}

// BenchmarkDecodeTasks decodes a 100-task page with the SDK's decoder.
func BenchmarkDecodeTasks(b *testing.B) {
	page := benchPage(benchTasks)
	perTask(b, page, func() (int, error) {
		_, tasks, err := decodeTaskPage(page, defaultZone())
		return len(tasks), err
	})
}

// BenchmarkDecodeTasksStdlib decodes the same page with encoding/json into
// mirror structs: the baseline of issue 5.
func BenchmarkDecodeTasksStdlib(b *testing.B) {
	page := benchPage(benchTasks)
	perTask(b, page, func() (int, error) {
		var env stdEnvelope
		err := json.Unmarshal(page, &env)
		return len(env.Data), err
	})
}
