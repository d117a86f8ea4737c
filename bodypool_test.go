package agentapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadBodyLimits(t *testing.T) {
	body := strings.Repeat("a", 1000)
	tests := []struct {
		name          string
		contentLength int64
		limit         int64
		want          int
		tooLarge      bool
	}{
		{"known length", 1000, 2000, 1000, false},
		{"unknown length", -1, 2000, 1000, false},
		{"exactly the limit", 1000, 1000, 1000, false},
		{"over the limit, unknown length", -1, 999, 999, true},
		{"declared over the limit", 5000, 2000, 0, true},
	}
	pool := new(bodyPool)
	for _, tt := range tests {
		got, tooLarge, err := pool.read(strings.NewReader(body), tt.contentLength, tt.limit)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.tooLarge, tooLarge, tt.name)
		if tt.want == 0 {
			assert.Nil(t, got, tt.name)
			continue
		}
		require.NotNil(t, got, tt.name)
		assert.Equal(t, body[:tt.want], string(*got), tt.name)
		pool.put(got)
	}
}

func TestReadBodySizes(t *testing.T) {
	tests := []struct {
		name          string
		size          int
		contentLength int64 // -1: unknown
		wantCap       int
	}{
		{"known, small: the smallest class", 100, 100, 4 << 10},
		{"known: the class holding length+1", 250_000, 250_000, 256 << 10},
		{"known, length+1 just over a class", 64 << 10, 64 << 10, 128 << 10},
		{"known, past the largest class: exact", 5 << 20, 5 << 20, 5<<20 + 1},
		{"unknown, small: the 32 KiB start", 100, -1, 32 << 10},
		{"unknown: doubled from 32 KiB", 250_000, -1, 256 << 10},
		{"unknown, past the largest class: doubled", 5 << 20, -1, 8 << 20},
	}
	pool := new(bodyPool)
	for _, tt := range tests {
		body := strings.Repeat("b", tt.size)
		got, tooLarge, err := pool.read(iotest.HalfReader(strings.NewReader(body)), tt.contentLength, maxBody)
		require.NoError(t, err, tt.name)
		assert.False(t, tooLarge, tt.name)
		assert.Equal(t, body, string(*got), tt.name)
		assert.Equal(t, tt.wantCap, cap(*got), tt.name)
		pool.put(got)
	}
}

func TestReadBodyShortRead(t *testing.T) {
	// A body that breaks off: what was read comes back with the error, for
	// the attempt to decide (a transport error for a success).
	cut := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader(`{"code":200,`), iotest.ErrReader(cut))
	pool := new(bodyPool)
	got, tooLarge, err := pool.read(r, 1000, maxBody)
	require.ErrorIs(t, err, cut)
	assert.False(t, tooLarge)
	assert.Equal(t, `{"code":200,`, string(*got))
	pool.put(got)
}

func TestBodyClass(t *testing.T) {
	tests := []struct {
		n     int
		class int
		kept  bool
	}{
		{1, 0, true},
		{4 << 10, 0, true},
		{4<<10 + 1, 1, true},
		{32 << 10, 3, true},
		{maxPooledBody, bodyClasses - 1, true},
		{maxPooledBody + 1, 0, false},
	}
	for _, tt := range tests {
		class, kept := bodyClass(tt.n)
		assert.Equal(t, tt.kept, kept, "n=%d", tt.n)
		if kept {
			assert.Equal(t, tt.class, class, "n=%d", tt.n)
			assert.GreaterOrEqual(t, 1<<(minBodyClass+class), tt.n, "n=%d", tt.n)
		}
	}
}

func TestBodyPoolKeepsOnlyClassSizes(t *testing.T) {
	// A pool never hands back what it was not given: a buffer put and then
	// never seen again was dropped.
	var p bodyPool
	odd := make([]byte, 0, 5000) // no class's size
	huge := make([]byte, 0, 2*maxPooledBody)
	p.put(&odd)
	p.put(&huge)
	p.put(nil)
	for range 10 {
		b := p.get(5000)
		assert.NotSame(t, &odd, b)
		assert.Equal(t, 8<<10, cap(*b))
		b = p.get(maxPooledBody)
		assert.NotSame(t, &huge, b)
		assert.Equal(t, maxPooledBody, cap(*b))
	}
	big := p.get(2 * maxPooledBody)
	assert.Equal(t, 2*maxPooledBody, cap(*big), "past the largest class: exactly the size asked")
	assert.Equal(t, 0, len(*big))
}

// TestClientReusesBodyBuffers checks that a Client's calls read their
// bodies into buffers that earlier calls gave back: a 1 MiB body that the
// decoder skips costs far less than 1 MiB a call.
func TestClientReusesBodyBuffers(t *testing.T) {
	body := []byte(`{"code":200,"message":"ok","padding":"` + strings.Repeat("x", 1<<20) + `","data":[]}`)
	c, err := NewClient("http://pool.invalid", WithHTTPClient(&http.Client{Transport: memTransport{body: body}}))
	require.NoError(t, err)
	require.NotNil(t, c.bodies)
	if raceEnabled {
		t.Skip("under the race detector sync.Pool drops a quarter of what it is given")
	}
	ctx := context.Background()
	call := func() {
		_, err := c.ListSubsetTasks(ctx, "u1", nil)
		require.NoError(t, err)
	}
	call() // the first call makes the buffer
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const calls = 20
	for i := 0; i < calls; i++ {
		call()
	}
	runtime.ReadMemStats(&after)
	perCall := (after.TotalAlloc - before.TotalAlloc) / calls
	assert.Less(t, perCall, uint64(256<<10), "bytes allocated a call: the body's buffer is reused")
}
