package bench

import (
	"encoding/json"
	"errors"

	"github.com/go-faster/jx"
)

// jxDecoder is the decoding loop ogen generates over github.com/go-faster/jx,
// written by hand for the mirror structs: ObjBytes with a switch on every
// key, unknown keys skipped, null leaving the zero value as encoding/json
// does, raw values copied out of the body as json.RawMessage is. quirk
// decodes the two quirky fields (per_page, wday): jxRaw to keep them raw,
// jxInt for the typed variant, which fails on the real API's strings.
type jxDecoder[Q any] struct {
	quirk func(*jx.Decoder) (Q, error)
}

// decode decodes one page body.
func (j jxDecoder[Q]) decode(body []byte) (*envelope[json.RawMessage, Q], error) {
	d := jx.DecodeBytes(body)
	var e envelope[json.RawMessage, Q]
	if err := j.envelope(d, &e); err != nil {
		return nil, err
	}
	if d.Next() != jx.Invalid {
		return nil, errors.New("unexpected data after the top-level value")
	}
	return &e, nil
}

func (j jxDecoder[Q]) envelope(d *jx.Decoder, e *envelope[json.RawMessage, Q]) error {
	return d.ObjBytes(func(d *jx.Decoder, k []byte) error {
		var err error
		switch string(k) {
		case "code":
			e.Code, err = jxInt(d)
		case "status":
			e.Status, err = jxStr(d)
		case "message":
			e.Message, err = jxStr(d)
		case "meta":
			err = j.meta(d, &e.Meta)
		case "data":
			e.Data, err = jxList(d, j.task)
		default:
			err = d.Skip()
		}
		return err
	})
}

func (j jxDecoder[Q]) meta(d *jx.Decoder, m *meta[Q]) error {
	return d.ObjBytes(func(d *jx.Decoder, k []byte) error {
		var err error
		switch string(k) {
		case "has_pages":
			m.HasPages, err = jxBool(d)
		case "total":
			m.Total, err = jxInt(d)
		case "last_page":
			m.LastPage, err = jxInt(d)
		case "current_page":
			m.CurrentPage, err = jxInt(d)
		case "per_page":
			m.PerPage, err = j.quirk(d)
		default:
			err = d.Skip()
		}
		return err
	})
}

func (j jxDecoder[Q]) task(d *jx.Decoder, t *task[json.RawMessage, Q]) error {
	return d.ObjBytes(func(d *jx.Decoder, k []byte) error {
		var err error
		switch string(k) {
		case "uuid":
			t.UUID, err = jxStr(d)
		case "name":
			t.Name, err = jxStr(d)
		case "create_datetime":
			t.CreateDatetime, err = jxStr(d)
		case "alter_datetime":
			t.AlterDatetime, err = jxStr(d)
		case "start":
			t.Start, err = jxInt(d)
		case "enable":
			t.Enable, err = jxBool(d)
		case "maximumcall":
			t.MaximumCall, err = jxInt(d)
		case "call_per_second":
			t.CallPerSecond, err = jxInt(d)
		case "recycle_limit":
			t.RecycleLimit, err = jxInt(d)
		case "random_assignment_number":
			t.RandomAssignmentNumber, err = jxInt(d)
		case "disable_dial_timegroup":
			t.DisableDialTimegroup, err = jxRaw(d)
		case "dial_time_id":
			t.DialTimeID, err = jxInt(d)
		case "destination_extension":
			t.DestinationExtension, err = jxStr(d)
		case "destination_dialplan":
			t.DestinationDialplan, err = jxStr(d)
		case "destination_context":
			t.DestinationContext, err = jxStr(d)
		case "scheduling_policy_ratio":
			t.SchedulingPolicyRatio, err = jxRaw(d)
		case "scheduling_queue":
			t.SchedulingQueue, err = jxRaw(d)
		case "dial_format":
			t.DialFormat, err = jxStr(d)
		case "domain":
			t.Domain, err = jxStr(d)
		case "remark":
			t.Remark, err = jxStr(d)
		case "sort":
			t.Sort, err = jxInt(d)
		case "originate_variables":
			t.OriginateVariables, err = jxStr(d)
		case "_originate_timeout":
			t.OriginateTimeout, err = jxInt(d)
		case "_origination_caller_id_number":
			t.OriginationCallerIDNumber, err = jxStr(d)
		case "user_id":
			t.UserID, err = jxStr(d)
		case "auto_recycle_rule_id":
			t.AutoRecycleRuleID, err = jxInt(d)
		case "clue_configuration_id":
			t.ClueConfigurationID, err = jxInt(d)
		case "deleted_at":
			t.DeletedAt, err = jxStr(d)
		case "call_notify_type":
			t.CallNotifyType, err = jxInt(d)
		case "call_pause_second":
			t.CallPauseSecond, err = jxInt(d)
		case "call_notify_fail_stop":
			t.CallNotifyFailStop, err = jxInt(d)
		case "bridge_group_id":
			t.BridgeGroupID, err = jxInt(d)
		case "is_test":
			t.IsTest, err = jxBool(d)
		case "is_top":
			t.IsTop, err = jxInt(d)
		case "empty_seat_stop":
			t.EmptySeatStop, err = jxInt(d)
		case "background_file_id":
			t.BackgroundFileID, err = jxInt(d)
		case "background_file_name":
			t.BackgroundFileName, err = jxStr(d)
		case "end_action":
			t.EndAction, err = jxInt(d)
		case "task_type":
			t.TaskType, err = jxInt(d)
		case "line_callee":
			t.LineCallee, err = jxStr(d)
		case "cache_number_count":
			t.CacheNumberCount, err = jxInt(d)
		case "mode_id":
			t.ModeID, err = jxInt(d)
		case "bridge_maximumcall":
			t.BridgeMaximumCall, err = jxInt(d)
		case "bridge_proportion":
			t.BridgeProportion, err = jxInt(d)
		case "direct_bridge":
			t.DirectBridge, err = jxInt(d)
		case "direct_bridge_echo":
			t.DirectBridgeEcho, err = jxInt(d)
		case "llm_intention_id":
			t.LLMIntentionID, err = jxInt(d)
		case "restart_at":
			t.RestartAt, err = jxStr(d)
		case "enable_type":
			t.EnableType, err = jxInt(d)
		case "background_id":
			t.BackgroundID, err = jxInt(d)
		case "background":
			t.Background, err = jxStr(d)
		case "is_group_switch":
			t.IsGroupSwitch, err = jxInt(d)
		case "task_extras":
			t.TaskExtras, err = jxPtr(d, j.extras)
		case "status_str":
			t.StatusStr, err = jxStr(d)
		case "new_task_extra":
			t.NewTaskExtra, err = jxPtr(d, j.newExtra)
		case "caller_line":
			t.CallerLine, err = jxRaw(d)
		case "auto_recycle_rule":
			t.AutoRecycleRule, err = jxRaw(d)
		case "group":
			t.Group, err = jxPtr(d, jxGroup)
		case "llm_intention_config":
			t.LLMIntentionConfig, err = jxRaw(d)
		case "status":
			t.Status, err = jxInt(d)
		default:
			err = d.Skip()
		}
		return err
	})
}

func (j jxDecoder[Q]) extras(d *jx.Decoder, x *extras[json.RawMessage, Q]) error {
	return d.ObjBytes(func(d *jx.Decoder, k []byte) error {
		var err error
		switch string(k) {
		case "line":
			x.Line, err = jxList(d, jxRawTo)
		case "start_time":
			x.StartTime, err = jxStr(d)
		case "stop_time":
			x.StopTime, err = jxStr(d)
		case "work_hour":
			x.WorkHour, err = jxList(d, j.workHour)
		case "work_week":
			x.WorkWeek, err = jxList(d, jxIntTo)
		default:
			err = d.Skip()
		}
		return err
	})
}

func (j jxDecoder[Q]) newExtra(d *jx.Decoder, x *newExtra[json.RawMessage, Q]) error {
	return d.ObjBytes(func(d *jx.Decoder, k []byte) error {
		var err error
		switch string(k) {
		case "name":
			x.Name, err = jxStr(d)
		case "enable":
			x.Enable, err = jxBool(d)
		case "line":
			x.Line, err = jxList(d, jxRawTo)
		case "limit":
			x.Limit, err = jxInt(d)
		case "cps":
			x.CPS, err = jxInt(d)
		case "start_time":
			x.StartTime, err = jxStr(d)
		case "stop_time":
			x.StopTime, err = jxStr(d)
		case "work_week":
			x.WorkWeek, err = jxList(d, jxIntTo)
		case "work_hour":
			x.WorkHour, err = jxList(d, j.workHour)
		case "destination_extension":
			x.DestinationExtension, err = jxStr(d)
		case "blacklist":
			x.Blacklist, err = jxStr(d)
		case "background":
			x.Background, err = jxStr(d)
		case "call_status":
			x.CallStatus, err = jxBool(d)
		case "number_count":
			x.NumberCount, err = jxInt(d)
		case "call_info":
			x.CallInfo, err = jxList(d, jxRawTo)
		default:
			err = d.Skip()
		}
		return err
	})
}

func (j jxDecoder[Q]) workHour(d *jx.Decoder, w *workHour[Q]) error {
	return d.ObjBytes(func(d *jx.Decoder, k []byte) error {
		var err error
		switch string(k) {
		case "wday":
			w.Wday, err = j.quirk(d)
		case "begin":
			w.Begin, err = jxStr(d)
		case "end":
			w.End, err = jxStr(d)
		default:
			err = d.Skip()
		}
		return err
	})
}

func jxGroup(d *jx.Decoder, g *group) error {
	return d.ObjBytes(func(d *jx.Decoder, k []byte) error {
		var err error
		switch string(k) {
		case "id":
			g.ID, err = jxInt(d)
		case "name":
			g.Name, err = jxStr(d)
		case "default":
			g.Default, err = jxBool(d)
		default:
			err = d.Skip()
		}
		return err
	})
}
