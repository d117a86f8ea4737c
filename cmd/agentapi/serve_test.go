package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFakeHandlerRateLimit checks that --rate-limit reaches the fake: the
// request past the window's budget is refused as Laravel's throttle does.
func TestFakeHandlerRateLimit(t *testing.T) {
	f, err := fakeHandler(serveConfig{user: "u1", tasks: 3, token: "tok", rate: rateLimit{n: 2, per: time.Minute}})
	require.NoError(t, err)
	t.Cleanup(f.Close)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)

	get := func() *http.Response {
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/agent-api/new/user/u1/subset_task", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer tok")
		req.Header.Set("Accept", "application/json")
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp
	}
	first := get()
	assert.Equal(t, http.StatusOK, first.StatusCode)
	assert.Equal(t, "2", first.Header.Get("X-RateLimit-Limit"))
	assert.Equal(t, "1", first.Header.Get("X-RateLimit-Remaining"))
	assert.Equal(t, http.StatusOK, get().StatusCode)
	third := get()
	assert.Equal(t, http.StatusTooManyRequests, third.StatusCode)
	assert.NotEmpty(t, third.Header.Get("Retry-After"))
	assert.NotEmpty(t, third.Header.Get("X-RateLimit-Reset"))
}
