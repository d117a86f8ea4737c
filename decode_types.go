package agentapi

import (
	"encoding/json"

	"github.com/f703e656/agentapi/internal/jsonwire"
)

// The models' field lists: each decoder maps a key to its field's reader
// (internal/jsonwire reads the object around it and skips unknown keys; a
// duplicate key's last value wins). A decoder named fooInto reads an object
// field into v and reports whether it was present: {}, [] and null are not.

// taskExtrasInto reads a task_extras object.
func (d *decoder) taskExtrasInto(v *TaskExtras) (bool, error) {
	return d.Object(func(k string) (err error) {
		switch k {
		case "line":
			v.Line, err = d.rawList()
		case "start_time":
			v.StartTime, err = d.readTime()
		case "stop_time":
			v.StopTime, err = d.readTime()
		case "work_hour":
			v.WorkHour, err = d.workHours()
		case "work_week":
			v.WorkWeek, err = d.intList()
		case "holiday":
			v.Holiday, err = d.holidays()
		}
		return err
	})
}

// newTaskExtraInto reads a new_task_extra object.
func (d *decoder) newTaskExtraInto(v *NewTaskExtra) (bool, error) {
	return d.Object(func(k string) (err error) {
		switch k {
		case "name":
			v.Name, err = d.ReadString()
		case "enable":
			v.Enable, err = d.ReadBool()
		case "line":
			v.Line, err = d.rawList()
		case "limit":
			v.Limit, err = d.ReadInt()
		case "cps":
			v.CPS, err = d.ReadInt()
		case "start_time":
			v.StartTime, err = d.readTime()
		case "stop_time":
			v.StopTime, err = d.readTime()
		case "work_week":
			v.WorkWeek, err = d.intList()
		case "work_hour":
			v.WorkHour, err = d.workHours()
		case "destination_extension":
			v.DestinationExtension, err = d.ReadString()
		case "blacklist":
			v.Blacklist, err = d.ReadString()
		case "background":
			v.Background, err = d.ReadString()
		case "call_status":
			v.CallStatus, err = d.ReadBool()
		case "number_count":
			v.NumberCount, err = d.ReadInt()
		case "call_info":
			v.CallInfo, err = d.rawList()
		case "holiday":
			v.Holiday, err = d.holidays()
		}
		return err
	})
}

// groupInto reads a group object.
func (d *decoder) groupInto(v *TaskGroup) (bool, error) {
	return d.Object(func(k string) (err error) {
		switch k {
		case "id":
			v.ID, err = d.ReadInt()
		case "name":
			v.Name, err = d.ReadString()
		case "default":
			v.Default, err = d.ReadBool()
		}
		return err
	})
}

// metaInto reads the meta object of an envelope.
func (d *decoder) metaInto(v *PageMeta) (bool, error) {
	return d.Object(func(k string) (err error) {
		switch k {
		case "has_pages":
			v.HasPages, err = d.ReadBool()
		case "total":
			v.Total, err = d.ReadInt()
		case "last_page":
			v.LastPage, err = d.ReadInt()
		case "current_page":
			v.CurrentPage, err = d.ReadInt()
		case "per_page":
			v.PerPage, err = d.ReadInt()
		}
		return err
	})
}

// workHourInto reads one element of work_hour.
func (d *decoder) workHourInto(v *WorkHour) (bool, error) {
	return d.Object(func(k string) (err error) {
		switch k {
		case "wday":
			v.Wday, err = d.ReadInt()
		case "begin":
			v.Begin, err = d.ReadString()
		case "end":
			v.End, err = d.ReadString()
		}
		return err
	})
}

// holidayInto reads one element of holiday.
func (d *decoder) holidayInto(v *Holiday) (bool, error) {
	return d.Object(func(k string) (err error) {
		switch k {
		case "start":
			v.Start, err = d.ReadString()
		case "end":
			v.End, err = d.ReadString()
		}
		return err
	})
}

// holidays reads a holiday list.
func (d *decoder) holidays() ([]Holiday, error) {
	return jsonwire.List(&d.Decoder, nil, func(v *Holiday) error {
		_, err := d.holidayInto(v)
		return err
	})
}

// rawList reads a []json.RawMessage field, each element with the raw rule.
func (d *decoder) rawList() ([]json.RawMessage, error) {
	return jsonwire.List(&d.Decoder, &d.raws, func(v *json.RawMessage) (err error) {
		*v, err = d.ReadRaw()
		return err
	})
}
