package agentapi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTime(t *testing.T) {
	cst := defaultZone()
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
		got, ok := parseTime(tc.in, cst)
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

func TestTimeMarshal(t *testing.T) {
	var zero Time
	b, err := json.Marshal(zero)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	text, err := zero.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "", string(text))

	v := Time{time.Date(2024, 9, 2, 21, 45, 18, 999, defaultZone())}
	b, err = json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `"2024-09-02 21:45:18"`, string(b))
	text, err = v.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2024-09-02 21:45:18", string(text))
	b, err = json.Marshal(map[Time]int{v: 1})
	require.NoError(t, err)
	assert.Equal(t, `{"2024-09-02 21:45:18":1}`, string(b), "text form as a map key")

	_, err = json.Marshal(Time{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)})
	assert.Error(t, err)
	_, err = Time{time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}.MarshalText()
	assert.Error(t, err)
}

func TestTimeUnmarshal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Time
	}{
		{`"2024-09-02 21:45:18"`, at(2024, 9, 2, 21, 45, 18)},
		{`"2024-09-02T13:45:18.000000Z"`, at(2024, 9, 2, 21, 45, 18)},
		{` "2024-09-02\u002021:45:18" `, at(2024, 9, 2, 21, 45, 18)},
		{`""`, Time{}},
		{`"0000-00-00 00:00:00"`, Time{}},
	} {
		var got Time
		require.NoError(t, json.Unmarshal([]byte(tc.in), &got), tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}

	keep := at(2020, 1, 1, 0, 0, 0)
	require.NoError(t, json.Unmarshal([]byte(`null`), &keep))
	assert.Equal(t, at(2020, 1, 1, 0, 0, 0), keep, "null leaves the value alone, as encoding/json's types do")

	for _, in := range []string{`"later"`, `1725284718`, `{}`, `"2024-09-02 21:45:18" 1`, `[]`} {
		var got Time
		err := got.UnmarshalJSON([]byte(in))
		assert.ErrorIs(t, err, ErrMalformedResponse, in)
	}

	var text Time
	require.NoError(t, text.UnmarshalText([]byte("2024-09-02 21:45:18")))
	assert.Equal(t, at(2024, 9, 2, 21, 45, 18), text)
	require.NoError(t, text.UnmarshalText(nil))
	assert.True(t, text.IsZero())
	assert.ErrorIs(t, text.UnmarshalText([]byte("soon")), ErrMalformedResponse)
}

func TestTimeRoundTripInZones(t *testing.T) {
	zones := []*time.Location{
		defaultZone(), time.UTC,
		time.FixedZone("UTC-3:30", -(3*60+30)*60),
		time.FixedZone("UTC+14", 14*60*60),
	}
	for _, loc := range zones {
		for _, s := range []string{"2024-09-02 21:45:18", "2000-02-29 00:00:00", "0001-01-02 00:00:00", "9999-12-31 23:59:59"} {
			got, ok := parseTime(s, loc)
			require.True(t, ok, s)
			assert.Equal(t, loc, got.Location())
			b, err := Time{got}.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, `"`+s+`"`, string(b), "%s in %s", s, loc)
			assert.Equal(t, got.Format(timeLayout), s)
		}
	}
}
