package jsonwire

import "time"

// ParseTime reads a timestamp of the PHP back end. Accepted, and nothing else:
//   - "2006-01-02 15:04:05", the API's form, in loc; also with a 'T'
//     separator or a fraction of up to nine digits;
//   - "2006-01-02", midnight in loc (cheap to accept; some PHP fields are dates);
//   - RFC 3339 with Z or an offset, with or without a fraction (Laravel's
//     "2024-09-02T13:45:18.000000Z"): that instant, shown in loc, so that all
//     the times of a task carry the same zone;
//   - "", "0000-00-00 00:00:00" and "0000-00-00" (MySQL's zero date): the zero time.
//
// It is written by hand, not with time.Parse: it runs for every timestamp of
// every task. ok is false for anything else, including a date that does not
// exist (February 30) and an instant whose year in loc falls outside 0-9999.
func ParseTime(s string, loc *time.Location) (t time.Time, ok bool) {
	switch s {
	case "", "0000-00-00 00:00:00", "0000-00-00":
		return time.Time{}, true
	}
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	year, ok1 := fixedInt(s[0:4])
	month, ok2 := fixedInt(s[5:7])
	day, ok3 := fixedInt(s[8:10])
	if !ok1 || !ok2 || !ok3 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return time.Time{}, false
	}
	var hour, minute, sec, nsec int
	rest := s[10:]
	if rest != "" {
		if len(rest) < 9 || (rest[0] != ' ' && rest[0] != 'T' && rest[0] != 't') ||
			rest[3] != ':' || rest[6] != ':' {
			return time.Time{}, false
		}
		hour, ok1 = fixedInt(rest[1:3])
		minute, ok2 = fixedInt(rest[4:6])
		sec, ok3 = fixedInt(rest[7:9])
		if !ok1 || !ok2 || !ok3 || hour > 23 || minute > 59 || sec > 59 {
			return time.Time{}, false
		}
		rest = rest[9:]
		if rest != "" && rest[0] == '.' {
			j := 1
			for j < len(rest) && '0' <= rest[j] && rest[j] <= '9' {
				j++
			}
			if j == 1 || j > 10 {
				return time.Time{}, false
			}
			nsec, _ = fixedInt(rest[1:j])
			for k := j; k < 10; k++ {
				nsec *= 10
			}
			rest = rest[j:]
		}
	}
	if rest == "" {
		return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc), true
	}
	offset, ok := zoneOffset(rest)
	if !ok {
		return time.Time{}, false
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC).
		Add(-time.Duration(offset) * time.Second).In(loc)
	if y := t.Year(); y < 0 || y > 9999 {
		return time.Time{}, false
	}
	return t, true
}

// zoneOffset reads an RFC 3339 zone, "Z" or "±hh:mm", as seconds east of UTC.
func zoneOffset(z string) (int, bool) {
	if z == "Z" || z == "z" {
		return 0, true
	}
	if len(z) != 6 || (z[0] != '+' && z[0] != '-') || z[3] != ':' {
		return 0, false
	}
	hh, ok1 := fixedInt(z[1:3])
	mm, ok2 := fixedInt(z[4:6])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return 0, false
	}
	offset := (hh*60 + mm) * 60
	if z[0] == '-' {
		offset = -offset
	}
	return offset, true
}

// fixedInt reads s, made of decimal digits only, as an int.
func fixedInt(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of month in year.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// AppendTime appends t as "2006-01-02 15:04:05" in t's location; the year
// must be within 0-9999.
func AppendTime(b []byte, t time.Time) []byte {
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	b = append(b, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-')
	b = append2(b, int(month), '-')
	b = append2(b, day, ' ')
	b = append2(b, hour, ':')
	b = append2(b, minute, ':')
	return append(b, byte('0'+sec/10), byte('0'+sec%10))
}

// append2 appends n as two digits, then sep.
func append2(b []byte, n int, sep byte) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10), sep)
}
