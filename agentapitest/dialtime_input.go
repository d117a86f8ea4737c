package agentapitest

import (
	"encoding/json"
	"strconv"
)

// groupInput validates a dial-time group body as the vendor's Laravel
// rules would: name required; content required on create (optional on
// update, but never empty when sent), each day a week 0..6 with at least
// one range of "HH:MM" times that ends after it begins; is_default and
// skip_holiday booleans, required on create.
func groupInput(in map[string]any, create bool) (dialGroup, errList) {
	var errs errList
	g := dialGroup{name: checkString(&errs, in, "name", true)}
	if v, present := in["content"]; create || present {
		g.content = checkContent(&errs, v, present)
	}
	g.isDefault = checkBool(&errs, in, "is_default", create)
	g.skipHoliday = checkBool(&errs, in, "skip_holiday", create)
	return g, errs
}

// checkContent checks a group's content.
func checkContent(errs *errList, v any, present bool) []dayTimes {
	items, ok := v.([]any)
	switch {
	case missing(v, present):
		errs.add("content", "The content field is required.")
		return nil
	case !ok:
		errs.add("content", "The content must be an array.")
		return nil
	}
	days := make([]dayTimes, 0, len(items))
	for i, it := range items {
		key := "content." + strconv.Itoa(i)
		m, isObj := it.(map[string]any)
		if !isObj {
			errs.add(key, "The "+key+" must be an array.")
			continue
		}
		d := dayTimes{week: -1}
		wv, wp := m["week"]
		switch n, isInt := intOf(wv); {
		case missing(wv, wp):
			errs.add(key+".week", "The "+key+".week field is required.")
		case !isInt:
			errs.add(key+".week", "The "+key+".week must be an integer.")
		case n < 0 || n > 6:
			errs.add(key+".week", "The "+key+".week must be between 0 and 6.")
		default:
			d.week = n
		}
		tv, tp := m["times"]
		times, isArr := tv.([]any)
		switch {
		case missing(tv, tp):
			errs.add(key+".times", "The "+key+".times field is required.")
		case !isArr:
			errs.add(key+".times", "The "+key+".times must be an array.")
		}
		for k, r := range times {
			if tr, good := checkRange(errs, key+".times."+strconv.Itoa(k), r); good {
				d.times = append(d.times, tr)
			}
		}
		days = append(days, d)
	}
	return days
}

// checkRange checks one {"begin_time","end_time"} range at key.
func checkRange(errs *errList, key string, v any) (timeRange, bool) {
	m, isObj := v.(map[string]any)
	if !isObj {
		errs.add(key, "The "+key+" must be an array.")
		return timeRange{}, false
	}
	var r timeRange
	good := true
	for _, f := range [2]string{"begin_time", "end_time"} {
		k := key + "." + f
		fv, fp := m[f]
		s, _ := fv.(string)
		switch {
		case missing(fv, fp):
			errs.add(k, "The "+attr(k)+" field is required.")
			good = false
		case !isClock(s):
			errs.add(k, "The "+attr(k)+" does not match the format H:i.")
			good = false
		case f == "begin_time":
			r.begin = s
		default:
			r.end = s
		}
	}
	if good && r.end <= r.begin {
		k := key + ".end_time"
		errs.add(k, "The "+attr(k)+" must be a date after "+attr(key+".begin_time")+".")
		good = false
	}
	return r, good
}

// isClock reports whether s is PHP's date format H:i: "00:00" to "23:59".
func isClock(s string) bool {
	if len(s) != 5 || s[2] != ':' {
		return false
	}
	for _, i := range [4]int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s[:2] <= "23" && s[3:] <= "59"
}

// checkBool applies "[required]|boolean" to in[key]: Laravel takes true,
// false, 1, 0, "1" and "0".
func checkBool(errs *errList, in map[string]any, key string, required bool) bool {
	v := in[key]
	if v == nil {
		if required {
			errs.add(key, "The "+attr(key)+" field is required.")
		}
		return false
	}
	switch v := v.(type) {
	case bool:
		return v
	case json.Number, string:
		if n, ok := intOf(v); ok && (n == 0 || n == 1) {
			return n == 1
		}
	}
	errs.add(key, "The "+attr(key)+" field must be true or false.")
	return false
}
