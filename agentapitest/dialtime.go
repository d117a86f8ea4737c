package agentapitest

import (
	"net/http"
	"strconv"
)

// DefaultDialTimeGroupID is the id of the system dial-time group every user
// has (the generated tasks' dial_time_id): "系统呼叫时间", 09:00-12:00 and
// 13:00-18:00 on every day of the week, is_default true. Pass it as a
// task's dial_time_id when a test needs no group of its own.
const DefaultDialTimeGroupID = 96

// dialGroup is one stored dial-time group.
type dialGroup struct {
	id          int
	name        string
	content     []dayTimes
	isDefault   bool
	skipHoliday bool
	created     string
	updated     string
}

// dayTimes is one day of a group's content.
type dayTimes struct {
	week  int // 0..6
	times []timeRange
}

// timeRange is one "HH:MM" range of a day.
type timeRange struct{ begin, end string }

// systemGroup returns the system group (DefaultDialTimeGroupID).
func systemGroup() dialGroup {
	return dialGroup{
		id: DefaultDialTimeGroupID, name: "系统呼叫时间", content: systemContent(), isDefault: true,
		created: "2024-06-16 14:57:12", updated: "2024-06-16 14:57:12",
	}
}

// groupsOf returns userID's groups, oldest first: the system group and
// those the user created. The caller holds f.mu; the result must not be
// changed.
func (f *Fake) groupsOf(userID string) []dialGroup {
	if a := f.accounts[userID]; a != nil && a.life.groups != nil {
		return a.life.groups
	}
	return []dialGroup{systemGroup()}
}

// groupContent returns the hours of userID's group id, or the system
// group's when the user has no such group (the fake does not check a
// task's dial_time_id). The caller holds f.mu.
func (f *Fake) groupContent(userID string, id int) []dayTimes {
	for _, g := range f.groupsOf(userID) {
		if g.id == id {
			return g.content
		}
	}
	return systemContent()
}

// saveGroup stores g for userID: a new group when id is 0 (it gets the next
// id), otherwise the group id, which must exist. A group saved as default
// makes the others not default. It returns the stored group, and false
// when id is unknown. The caller holds f.mu for writing.
func (f *Fake) saveGroup(userID string, id int, g dialGroup) (dialGroup, bool) {
	a := f.account(userID)
	if a.life.groups == nil {
		a.life.groups = []dialGroup{systemGroup()}
	}
	now := nowString()
	i := len(a.life.groups)
	if id == 0 {
		if a.life.nextGroup == 0 {
			a.life.nextGroup = DefaultDialTimeGroupID + 1
		}
		g.id, g.created = a.life.nextGroup, now
		a.life.nextGroup++
		a.life.groups = append(a.life.groups, g)
	} else {
		i = -1
		for k := range a.life.groups {
			if a.life.groups[k].id == id {
				i = k
			}
		}
		if i < 0 {
			return dialGroup{}, false
		}
		old := a.life.groups[i]
		g.id, g.created = id, old.created
		a.life.groups[i] = g
	}
	a.life.groups[i].updated = now
	if g.isDefault {
		for k := range a.life.groups {
			a.life.groups[k].isDefault = k == i
		}
	}
	return a.life.groups[i], true
}

// appendGroup appends g's JSON, as the vendor's update example shows it.
func appendGroup(b []byte, userID string, g dialGroup) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, int64(g.id), 10)
	b = append(b, `,"name":`...)
	b = appendString(b, g.name)
	b = append(b, `,"user_id":`...)
	b = appendString(b, userID)
	b = append(b, `,"content":[`...)
	for i, d := range g.content {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"week":`...)
		b = strconv.AppendInt(b, int64(d.week), 10)
		b = append(b, `,"times":[`...)
		for k, r := range d.times {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"begin_time":`...)
			b = appendString(b, r.begin)
			b = append(b, `,"end_time":`...)
			b = appendString(b, r.end)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	b = append(b, `],"is_default":`...)
	b = strconv.AppendBool(b, g.isDefault)
	b = append(b, `,"skip_holiday":`...)
	b = strconv.AppendBool(b, g.skipHoliday)
	b = append(b, `,"remark":null,"created_at":`...)
	b = appendString(b, g.created)
	b = append(b, `,"updated_at":`...)
	b = appendString(b, g.updated)
	return append(b, '}')
}

// serveGroups answers GET (the paged list), POST (create) and PUT (update,
// groupID non-empty) of userID's dial-time groups.
func (f *Fake) serveGroups(c *lifeCall, userID, groupID string) (int, []byte) {
	switch c.r.Method {
	case http.MethodGet, http.MethodHead:
		q, _, ok := parseQuery(c.r.URL.RawQuery) // name and sub_user_id play no part here
		if !ok {
			return appendError(c.b, c.h, c.r, http.StatusInternalServerError, "Server Error")
		}
		f.mu.RLock()
		groups := f.groupsOf(userID)
		total := len(groups)
		from, to := window(total, q)
		c.b = appendHead(c.b, "返回呼叫时间组列表成功", total, q)
		for i, g := range groups[from:to] {
			if i > 0 {
				c.b = append(c.b, ',')
			}
			c.b = appendGroup(c.b, userID, g)
		}
		f.mu.RUnlock()
		return c.ok(append(c.b, "]}"...))
	}
	in := c.input()
	g, errs := groupInput(in, c.r.Method == http.MethodPost)
	if len(errs) > 0 {
		return c.invalid(errs)
	}
	id := 0
	msg := "保存成功"
	if groupID != "" {
		n, err := strconv.Atoi(groupID)
		if err != nil || n <= 0 {
			return c.notFound("DialTimeGroup", groupID)
		}
		id, msg = n, "修改成功"
	}
	f.mu.Lock()
	if id != 0 { // fields the update leaves out keep their values
		for _, old := range f.groupsOf(userID) {
			if old.id == id {
				g = mergeGroup(old, g, in)
			}
		}
	}
	saved, ok := f.saveGroup(userID, id, g)
	f.mu.Unlock()
	if !ok {
		return c.notFound("DialTimeGroup", groupID)
	}
	return c.envelope(msg, func(b []byte) []byte { return appendGroup(b, userID, saved) })
}

// mergeGroup returns the update g of old, where the keys absent from the
// body in keep old's values (only name is required on update).
func mergeGroup(old, g dialGroup, in map[string]any) dialGroup {
	if _, ok := in["content"]; !ok {
		g.content = old.content
	}
	if _, ok := in["is_default"]; !ok {
		g.isDefault = old.isDefault
	}
	if _, ok := in["skip_holiday"]; !ok {
		g.skipHoliday = old.skipHoliday
	}
	return g
}
