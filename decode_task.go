package agentapi

import "strings"

// task reads one task of data. Its Raw is the task's bytes as received.
func (d *decoder) task(v *Task) error {
	if d.peek() != '{' {
		return d.kindError("a task object")
	}
	start := d.pos
	d.pos++
	if d.peek() == '}' {
		d.pos++
		v.Raw = d.rawSpan(start, d.pos)
		return nil
	}
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		switch k {
		case "uuid":
			// A copy: the pager keeps every UUID it has seen, and a
			// substring would keep its whole page alive.
			v.UUID, err = d.readString()
			v.UUID = strings.Clone(v.UUID)
		case "name":
			v.Name, err = d.readString()
		case "create_datetime":
			v.CreateDatetime, err = d.readTime()
		case "alter_datetime":
			v.AlterDatetime, err = d.readTime()
		case "start":
			v.Start, err = d.readInt()
		case "enable":
			v.Enable, err = d.readBool()
		case "maximumcall":
			v.MaximumCall, err = d.readInt()
		case "call_per_second":
			v.CallPerSecond, err = d.readInt()
		case "recycle_limit":
			v.RecycleLimit, err = d.readInt()
		case "random_assignment_number":
			v.RandomAssignmentNumber, err = d.readInt()
		case "disable_dial_timegroup":
			v.DisableDialTimegroup, err = d.readRaw()
		case "dial_time_id":
			v.DialTimeID, err = d.readInt()
		case "destination_extension":
			v.DestinationExtension, err = d.readString()
		case "destination_dialplan":
			v.DestinationDialplan, err = d.readString()
		case "destination_context":
			v.DestinationContext, err = d.readString()
		case "scheduling_policy_ratio":
			v.SchedulingPolicyRatio, err = d.readRaw()
		case "scheduling_queue":
			v.SchedulingQueue, err = d.readRaw()
		case "dial_format":
			v.DialFormat, err = d.readString()
		case "domain":
			v.Domain, err = d.readString()
		case "remark":
			v.Remark, err = d.readString()
		case "sort":
			v.Sort, err = d.readInt()
		case "originate_variables":
			v.OriginateVariables, err = d.readString()
		case "_originate_timeout":
			v.OriginateTimeout, err = d.readInt()
		case "_origination_caller_id_number":
			v.OriginationCallerIDNumber, err = d.readString()
		case "user_id":
			v.UserID, err = d.readString()
		case "auto_recycle_rule_id":
			v.AutoRecycleRuleID, err = d.readInt()
		case "clue_configuration_id":
			v.ClueConfigurationID, err = d.readInt()
		case "deleted_at":
			v.DeletedAt, err = d.readTime()
		case "call_notify_type":
			v.CallNotifyType, err = d.readInt()
		case "call_pause_second":
			v.CallPauseSecond, err = d.readInt()
		case "call_notify_fail_stop":
			v.CallNotifyFailStop, err = d.readInt()
		case "bridge_group_id":
			v.BridgeGroupID, err = d.readInt()
		case "is_test":
			v.IsTest, err = d.readBool()
		case "is_top":
			v.IsTop, err = d.readInt()
		case "empty_seat_stop":
			v.EmptySeatStop, err = d.readInt()
		case "background_file_id":
			v.BackgroundFileID, err = d.readInt()
		case "background_file_name":
			v.BackgroundFileName, err = d.readString()
		case "end_action":
			v.EndAction, err = d.readInt()
		case "task_type":
			v.TaskType, err = d.readInt()
		case "line_callee":
			v.LineCallee, err = d.readString()
		case "cache_number_count":
			v.CacheNumberCount, err = d.readInt()
		case "mode_id":
			v.ModeID, err = d.readInt()
		case "bridge_maximumcall":
			v.BridgeMaximumCall, err = d.readInt()
		case "bridge_proportion":
			v.BridgeProportion, err = d.readInt()
		case "direct_bridge":
			v.DirectBridge, err = d.readInt()
		case "direct_bridge_echo":
			v.DirectBridgeEcho, err = d.readInt()
		case "llm_intention_id":
			v.LLMIntentionID, err = d.readInt()
		case "restart_at":
			v.RestartAt, err = d.readTime()
		case "enable_type":
			v.EnableType, err = d.readInt()
		case "background_id":
			v.BackgroundID, err = d.readInt()
		case "background":
			v.Background, err = d.readString()
		case "is_group_switch":
			v.IsGroupSwitch, err = d.readInt()
		case "task_extras":
			v.TaskExtras, err = d.taskExtras()
		case "status_str":
			v.StatusStr, err = d.readString()
		case "new_task_extra":
			v.NewTaskExtra, err = d.newTaskExtra()
		case "caller_line":
			v.CallerLine, err = d.readRaw()
		case "auto_recycle_rule":
			v.AutoRecycleRule, err = d.readRaw()
		case "group":
			v.Group, err = d.group()
		case "llm_intention_config":
			v.LLMIntentionConfig, err = d.readRaw()
		case "status":
			v.StatusCode, err = d.readInt()
		default:
			err = d.skip()
		}
		if err != nil {
			return wrapKey(err, k)
		}
		more, err := d.next('}')
		if err != nil {
			return err
		}
		if !more {
			v.Raw = d.rawSpan(start, d.pos)
			return nil
		}
	}
}
