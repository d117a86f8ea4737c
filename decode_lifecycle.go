package agentapi

import "github.com/f703e656/agentapi/internal/jsonwire"

// The field lists of the 2.0 lifecycle's models. Each object that has a Raw
// reads inside Own, so that it keeps its own bytes, not the body's.

// ownObject reads the object at pos with field inside Own and returns its
// bytes as received; what names the object in an error.
func (d *decoder) ownObject(what string, field func(k string) error) ([]byte, error) {
	if d.Peek() != '{' {
		return nil, d.KindError(what)
	}
	return d.Own(func() error {
		_, err := d.Object(field)
		return err
	})
}

// taskSetup reads the data of the task creation endpoint.
func (d *decoder) taskSetup(v *TaskSetup) (err error) {
	v.Raw, err = d.ownObject("an object", func(k string) (err error) {
		switch k {
		case "task_dial_times":
			v.DialTimeGroups, err = jsonwire.List(&d.Decoder, nil, func(g *DialTimeGroup) error {
				return d.dialTimeGroup(g)
			})
		case "caller_line_list":
			v.CallerLines, err = jsonwire.List(&d.Decoder, nil, func(l *CallerLine) error {
				return d.callerLine(l)
			})
		}
		return err
	})
	return err
}

// callerLine reads one caller line object.
func (d *decoder) callerLine(v *CallerLine) (err error) {
	v.Raw, err = d.ownObject("a caller line object", func(k string) (err error) {
		switch k {
		case "line_id":
			v.LineID, err = d.ReadString()
		case "name":
			v.Name, err = d.ReadString()
		case "remark":
			v.Remark, err = d.ReadString()
		case "belong_user":
			v.BelongUser, err = d.ReadString()
		}
		return err
	})
	return err
}

// dialTimeGroup reads one dial-time group object.
func (d *decoder) dialTimeGroup(v *DialTimeGroup) (err error) {
	v.Raw, err = d.ownObject("a dial-time group object", func(k string) (err error) {
		switch k {
		case "id":
			v.ID, err = d.ReadInt()
		case "name":
			v.Name, err = d.ReadString()
		case "user_id":
			v.UserID, err = d.ReadString()
		case "content":
			v.Content, err = d.dialTimeContent()
		case "is_default":
			v.IsDefault, err = d.ReadBool()
		case "skip_holiday":
			v.SkipHoliday, err = d.ReadBool()
		case "remark":
			v.Remark, err = d.ReadString()
		case "created_at":
			v.CreatedAt, err = d.readTime()
		case "updated_at":
			v.UpdatedAt, err = d.readTime()
		}
		return err
	})
	return err
}

// dialTimeContent reads a dial-time group's content: a list of days, or
// that list JSON-encoded into a string (as the group's database column
// holds it); "" reads as no days.
func (d *decoder) dialTimeContent() ([]DialTimeDay, error) {
	if d.Peek() != '"' {
		return d.dialTimeDays()
	}
	s, err := d.ReadString()
	if err != nil || s == "" {
		return nil, err
	}
	inner := newDecoder([]byte(s), d.Loc())
	days, err := inner.dialTimeDays()
	if err == nil {
		err = inner.End("the encoded content")
	}
	return days, err
}

// dialTimeDays reads a list of days of a dial-time group.
func (d *decoder) dialTimeDays() ([]DialTimeDay, error) {
	return jsonwire.List(&d.Decoder, &d.days, func(v *DialTimeDay) error {
		_, err := d.Object(func(k string) (err error) {
			switch k {
			case "week":
				v.Week, err = d.ReadInt()
			case "times":
				v.Times, err = jsonwire.List(&d.Decoder, &d.times, d.timeRange)
			}
			return err
		})
		return err
	})
}

// timeRange reads one range of a day's dialling hours.
func (d *decoder) timeRange(v *TimeRange) error {
	_, err := d.Object(func(k string) (err error) {
		switch k {
		case "begin_time":
			v.Begin, err = d.ReadString()
		case "end_time":
			v.End, err = d.ReadString()
		}
		return err
	})
	return err
}
