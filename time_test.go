package agentapi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/f703e656/agentapi/internal/jsonwire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
			got, ok := jsonwire.ParseTime(s, loc)
			require.True(t, ok, s)
			assert.Equal(t, loc, got.Location())
			b, err := Time{got}.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, `"`+s+`"`, string(b), "%s in %s", s, loc)
			assert.Equal(t, got.Format(timeLayout), s)
		}
	}
}
