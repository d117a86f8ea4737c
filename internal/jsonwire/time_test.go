package jsonwire

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseTime(t *testing.T) {
	cst := time.FixedZone("CST", 8*60*60)
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	cases := []struct {
		in   string
		want time.Time // compared as instants; zero means the zero time
		ok   bool
	}{
		{"2024-09-02 21:45:18", utc(2024, 9, 2, 13, 45, 18, 0), true},
		{"2024-09-02T21:45:18", utc(2024, 9, 2, 13, 45, 18, 0), true},
		{"2024-09-02 21:45:18.5", utc(2024, 9, 2, 13, 45, 18, 5e8), true},
		{"2024-09-02", utc(2024, 9, 1, 16, 0, 0, 0), true},
		{"2024-09-02T13:45:18.000000Z", utc(2024, 9, 2, 13, 45, 18, 0), true},
		{"2024-09-02T13:45:18Z", utc(2024, 9, 2, 13, 45, 18, 0), true},
		{"2024-09-02t13:45:18z", utc(2024, 9, 2, 13, 45, 18, 0), true},
		{"2024-09-02T13:45:18.123456789Z", utc(2024, 9, 2, 13, 45, 18, 123456789), true},
		{"2024-09-02T21:45:18+08:00", utc(2024, 9, 2, 13, 45, 18, 0), true},
		{"2024-09-02T08:45:18-05:00", utc(2024, 9, 2, 13, 45, 18, 0), true},
		{"2024-02-29 00:00:00", utc(2024, 2, 28, 16, 0, 0, 0), true},
		{"0000-01-01 08:00:00", utc(0, 1, 1, 0, 0, 0, 0), true},
		{"9999-12-31 23:59:59", utc(9999, 12, 31, 15, 59, 59, 0), true},
		{"", time.Time{}, true},
		{"0000-00-00 00:00:00", time.Time{}, true},
		{"0000-00-00", time.Time{}, true},
		{"2023-02-29 00:00:00", time.Time{}, false},
		{"2024-13-01 00:00:00", time.Time{}, false},
		{"2024-09-02 24:00:00", time.Time{}, false},
		{"2024-09-02 23:60:00", time.Time{}, false},
		{"2024-09-02 23:59:60", time.Time{}, false},
		{"2024-09-02 21:45", time.Time{}, false},
		{"2024-09-02 21:45:18 ", time.Time{}, false},
		{"2024-09-02 21:45:18.", time.Time{}, false},
		{"2024-09-02T13:45:18.1234567890Z", time.Time{}, false},
		{"2024-09-02T13:45:18+0800", time.Time{}, false},
		{"2024-09-02T13:45:18+24:00", time.Time{}, false},
		{"2024-09-02Z", time.Time{}, false},
		{"2024/09/02 21:45:18", time.Time{}, false},
		{"+024-09-02 21:45:18", time.Time{}, false},
		{"9999-12-31T23:00:00-05:00", time.Time{}, false}, // year 10000 in UTC+8
		{"0000-01-01T00:00:00+09:00", time.Time{}, false}, // year -1 in UTC+8
		{"1725284718", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	}
	for _, tc := range cases {
		got, ok := ParseTime(tc.in, cst)
		assert.Equal(t, tc.ok, ok, tc.in)
		if !tc.ok {
			continue
		}
		if tc.want.IsZero() {
			assert.Equal(t, time.Time{}, got, tc.in)
			continue
		}
		assert.True(t, got.Equal(tc.want), "%s: got %s", tc.in, got)
		assert.Equal(t, cst, got.Location(), "%s: shown in the client's zone", tc.in)
	}
}
