package agentapi

import "encoding/json"

// The per-type decoders: a switch over each type's keys, unknown keys
// skipped, a duplicate key's last value kept. The field readers are in
// tolerant.go.

// taskExtras reads a task_extras object; nil for null, [] or {}.
func (d *decoder) taskExtras() (*TaskExtras, error) {
	if empty, err := d.object(); empty || err != nil {
		return nil, err
	}
	v := new(TaskExtras)
	if err := d.taskExtrasMembers(v); err != nil {
		return nil, err
	}
	return v, nil
}

// taskExtrasMembers reads the members of a task_extras object, after its '{'.
func (d *decoder) taskExtrasMembers(v *TaskExtras) error {
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		switch k {
		case "line":
			v.Line, err = readList(d, &d.raws, (*decoder).rawElem)
		case "start_time":
			v.StartTime, err = d.readTime()
		case "stop_time":
			v.StopTime, err = d.readTime()
		case "work_hour":
			v.WorkHour, err = readList(d, &d.hours, (*decoder).workHour)
		case "work_week":
			v.WorkWeek, err = readList(d, &d.ints, (*decoder).intElem)
		default:
			err = d.skip()
		}
		if err != nil {
			return wrapKey(err, k)
		}
		if more, err := d.next('}'); err != nil || !more {
			return err
		}
	}
}

// newTaskExtra reads a new_task_extra object; nil for null, [] or {}.
func (d *decoder) newTaskExtra() (*NewTaskExtra, error) {
	if empty, err := d.object(); empty || err != nil {
		return nil, err
	}
	v := new(NewTaskExtra)
	if err := d.newTaskExtraMembers(v); err != nil {
		return nil, err
	}
	return v, nil
}

// newTaskExtraMembers reads the members of a new_task_extra object, after its '{'.
func (d *decoder) newTaskExtraMembers(v *NewTaskExtra) error {
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		switch k {
		case "name":
			v.Name, err = d.readString()
		case "enable":
			v.Enable, err = d.readBool()
		case "line":
			v.Line, err = readList(d, &d.raws, (*decoder).rawElem)
		case "limit":
			v.Limit, err = d.readInt()
		case "cps":
			v.CPS, err = d.readInt()
		case "start_time":
			v.StartTime, err = d.readTime()
		case "stop_time":
			v.StopTime, err = d.readTime()
		case "work_week":
			v.WorkWeek, err = readList(d, &d.ints, (*decoder).intElem)
		case "work_hour":
			v.WorkHour, err = readList(d, &d.hours, (*decoder).workHour)
		case "destination_extension":
			v.DestinationExtension, err = d.readString()
		case "blacklist":
			v.Blacklist, err = d.readString()
		case "background":
			v.Background, err = d.readString()
		case "call_status":
			v.CallStatus, err = d.readBool()
		case "number_count":
			v.NumberCount, err = d.readInt()
		case "call_info":
			v.CallInfo, err = readList(d, &d.raws, (*decoder).rawElem)
		default:
			err = d.skip()
		}
		if err != nil {
			return wrapKey(err, k)
		}
		if more, err := d.next('}'); err != nil || !more {
			return err
		}
	}
}

// group reads a group object; nil for null, [] or {}.
func (d *decoder) group() (*TaskGroup, error) {
	if empty, err := d.object(); empty || err != nil {
		return nil, err
	}
	v := new(TaskGroup)
	if err := d.groupMembers(v); err != nil {
		return nil, err
	}
	return v, nil
}

// groupMembers reads the members of a group object, after its '{'.
func (d *decoder) groupMembers(v *TaskGroup) error {
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		switch k {
		case "id":
			v.ID, err = d.readInt()
		case "name":
			v.Name, err = d.readString()
		case "default":
			v.Default, err = d.readBool()
		default:
			err = d.skip()
		}
		if err != nil {
			return wrapKey(err, k)
		}
		if more, err := d.next('}'); err != nil || !more {
			return err
		}
	}
}

// meta reads the meta object; null, [] and {} read as an empty PageMeta.
func (d *decoder) meta() (PageMeta, error) {
	var v PageMeta
	if empty, err := d.object(); empty || err != nil {
		return v, err
	}
	if err := d.metaMembers(&v); err != nil {
		return PageMeta{}, err
	}
	return v, nil
}

// metaMembers reads the members of a meta object, after its '{'.
func (d *decoder) metaMembers(v *PageMeta) error {
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		switch k {
		case "has_pages":
			v.HasPages, err = d.readBool()
		case "total":
			v.Total, err = d.readInt()
		case "last_page":
			v.LastPage, err = d.readInt()
		case "current_page":
			v.CurrentPage, err = d.readInt()
		case "per_page":
			v.PerPage, err = d.readInt()
		default:
			err = d.skip()
		}
		if err != nil {
			return wrapKey(err, k)
		}
		if more, err := d.next('}'); err != nil || !more {
			return err
		}
	}
}

// workHour reads one element of work_hour; null, [] and {} read as a zero WorkHour.
func (d *decoder) workHour(v *WorkHour) error {
	if empty, err := d.object(); empty || err != nil {
		return err
	}
	return d.workHourMembers(v)
}

// workHourMembers reads the members of a work_hour element, after its '{'.
func (d *decoder) workHourMembers(v *WorkHour) error {
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		switch k {
		case "wday":
			v.Wday, err = d.readInt()
		case "begin":
			v.Begin, err = d.readString()
		case "end":
			v.End, err = d.readString()
		default:
			err = d.skip()
		}
		if err != nil {
			return wrapKey(err, k)
		}
		if more, err := d.next('}'); err != nil || !more {
			return err
		}
	}
}

// intElem reads one element of an []int field with the int rule.
func (d *decoder) intElem(v *int) (err error) {
	*v, err = d.readInt()
	return err
}

// rawElem reads one element of a []json.RawMessage field with the raw rule.
func (d *decoder) rawElem(v *json.RawMessage) (err error) {
	*v, err = d.readRaw()
	return err
}
