package agentapi

import "strings"

// task reads one task object. Raw is the task's own copy of its bytes, and
// its strings live in that copy (see Task's doc on memory).
func (d *decoder) task(v *Task) error {
	if d.Peek() != '{' {
		return d.KindError("a task object")
	}
	raw, err := d.Own(func() error {
		d.enable = false
		d.parts, d.hourSlab, d.intSlab = nil, nil, nil
		_, err := d.Object(func(k string) error { return d.taskField(v, k) })
		return err
	})
	d.hourGuess, d.intGuess = len(d.hourSlab), len(d.intSlab)
	d.parts, d.hourSlab, d.intSlab = nil, nil, nil
	if err != nil {
		return err
	}
	v.Raw = raw
	if !d.enable && v.NewTaskExtra != nil {
		// The settings endpoint sends no top-level enable: the remote
		// task's stands in, so that Status and DeriveStatus agree.
		v.Enable = v.NewTaskExtra.Enable
	}
	return nil
}

// taskField reads the member k of a task into v; an unknown k reads nothing.
func (d *decoder) taskField(v *Task, k string) (err error) {
	switch k {
	case "uuid":
		// A copy of its own: the pager keeps every UUID it has seen, and
		// an alias would keep the task's whole copy alive.
		v.UUID, err = d.ReadString()
		v.UUID = strings.Clone(v.UUID)
	case "name":
		v.Name, err = d.ReadString()
	case "create_datetime":
		v.CreateDatetime, err = d.readTime()
	case "alter_datetime":
		v.AlterDatetime, err = d.readTime()
	case "start":
		v.Start, err = d.ReadInt()
	case "enable":
		v.Enable, err = d.ReadBool()
		d.enable = true
	case "maximumcall":
		v.MaximumCall, err = d.ReadInt()
	case "call_per_second":
		v.CallPerSecond, err = d.ReadInt()
	case "recycle_limit":
		v.RecycleLimit, err = d.ReadInt()
	case "random_assignment_number":
		v.RandomAssignmentNumber, err = d.ReadInt()
	case "disable_dial_timegroup":
		v.DisableDialTimegroup, err = d.ReadRaw()
	case "dial_time_id":
		v.DialTimeID, err = d.ReadInt()
	case "destination_extension":
		v.DestinationExtension, err = d.ReadString()
	case "destination_extension_name":
		v.DestinationExtensionName, err = d.ReadString()
	case "destination_dialplan":
		v.DestinationDialplan, err = d.ReadString()
	case "destination_context":
		v.DestinationContext, err = d.ReadString()
	case "scheduling_policy_ratio":
		v.SchedulingPolicyRatio, err = d.ReadRaw()
	case "scheduling_queue":
		v.SchedulingQueue, err = d.ReadRaw()
	case "dial_format":
		v.DialFormat, err = d.ReadString()
	case "domain":
		v.Domain, err = d.ReadString()
	case "remark":
		v.Remark, err = d.ReadString()
	case "sort":
		v.Sort, err = d.ReadInt()
	case "originate_variables":
		v.OriginateVariables, err = d.ReadString()
	case "_originate_timeout":
		v.OriginateTimeout, err = d.ReadInt()
	case "_origination_caller_id_number":
		v.OriginationCallerIDNumber, err = d.ReadString()
	case "user_id":
		v.UserID, err = d.ReadString()
	case "auto_recycle_rule_id":
		v.AutoRecycleRuleID, err = d.ReadInt()
	case "clue_configuration_id":
		v.ClueConfigurationID, err = d.ReadInt()
	case "deleted_at":
		v.DeletedAt, err = d.readTime()
	case "call_notify_type":
		v.CallNotifyType, err = d.ReadInt()
	case "call_pause_second":
		v.CallPauseSecond, err = d.ReadInt()
	case "call_notify_fail_stop":
		v.CallNotifyFailStop, err = d.ReadInt()
	case "bridge_group_id":
		v.BridgeGroupID, err = d.ReadInt()
	case "is_test":
		v.IsTest, err = d.ReadBool()
	case "is_top":
		v.IsTop, err = d.ReadInt()
	case "empty_seat_stop":
		v.EmptySeatStop, err = d.ReadInt()
	case "background_file_id":
		v.BackgroundFileID, err = d.ReadInt()
	case "background_file_name":
		v.BackgroundFileName, err = d.ReadString()
	case "end_action":
		v.EndAction, err = d.ReadInt()
	case "task_type":
		v.TaskType, err = d.ReadInt()
	case "line_callee":
		v.LineCallee, err = d.ReadString()
	case "cache_number_count":
		v.CacheNumberCount, err = d.ReadInt()
	case "mode_id":
		v.ModeID, err = d.ReadInt()
	case "bridge_maximumcall":
		v.BridgeMaximumCall, err = d.ReadInt()
	case "bridge_proportion":
		v.BridgeProportion, err = d.ReadInt()
	case "direct_bridge":
		v.DirectBridge, err = d.ReadInt()
	case "direct_bridge_echo":
		v.DirectBridgeEcho, err = d.ReadInt()
	case "llm_intention_id":
		v.LLMIntentionID, err = d.ReadInt()
	case "restart_at":
		v.RestartAt, err = d.readTime()
	case "enable_type":
		v.EnableType, err = d.ReadInt()
	case "background_id":
		v.BackgroundID, err = d.ReadInt()
	case "background":
		v.Background, err = d.ReadString()
	case "is_group_switch":
		v.IsGroupSwitch, err = d.ReadInt()
	case "task_extras":
		v.TaskExtras, err = part(d, &d.taskParts().extras, (*decoder).taskExtrasInto)
	case "status_str":
		v.StatusStr, err = d.ReadString()
	case "new_task_extra":
		v.NewTaskExtra, err = part(d, &d.taskParts().remote, (*decoder).newTaskExtraInto)
	case "caller_line":
		v.CallerLine, err = d.ReadRaw()
	case "caller_line_id":
		v.CallerLineID, err = d.ReadString()
	case "caller_line_name":
		v.CallerLineName, err = d.ReadString()
	case "call_status":
		v.CallStatus, err = d.ReadBool()
	case "elasticity_task":
		v.ElasticityTask, err = d.ReadBool()
	case "auto_recycle_rule":
		v.AutoRecycleRule, err = d.ReadRaw()
	case "group":
		v.Group, err = part(d, &d.taskParts().group, (*decoder).groupInto)
	case "llm_intention_config":
		v.LLMIntentionConfig, err = d.ReadRaw()
	case "status":
		v.StatusCode, err = d.ReadInt()
	}
	return err
}
