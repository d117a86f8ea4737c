package agentapitest_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/agentapitest"
)

func TestRateLimit(t *testing.T) {
	s := newServer(t, agentapitest.WithToken("tok"), agentapitest.WithTasks("u1", 3),
		agentapitest.WithRateLimit(2, time.Hour))
	auth := []string{"Authorization", "Bearer tok"}
	assert.Equal(t, http.StatusUnauthorized, do(t, s, http.MethodGet, listPath("u1", "")).status, "a 401 does not count")
	assert.Empty(t, do(t, s, http.MethodGet, "/nope", auth...).header.Get("X-RateLimit-Limit"), "a 404 has no rate-limit headers")
	for _, left := range []string{"1", "0"} {
		r := do(t, s, http.MethodGet, listPath("u1", ""), auth...)
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, "2", r.header.Get("X-RateLimit-Limit"))
		assert.Equal(t, left, r.header.Get("X-RateLimit-Remaining"))
		assert.Empty(t, r.header.Get("Retry-After"))
	}
	r := do(t, s, http.MethodGet, listPath("u1", ""), auth...)
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "{\n    \"message\": \"Too Many Attempts.\"\n}", string(r.body))
	assert.Equal(t, "0", r.header.Get("X-RateLimit-Remaining"))
	retry, err := strconv.Atoi(r.header.Get("Retry-After"))
	require.NoError(t, err)
	assert.InDelta(t, 3600, retry, 5)
	reset, err := strconv.ParseInt(r.header.Get("X-RateLimit-Reset"), 10, 64)
	require.NoError(t, err)
	assert.InDelta(t, time.Now().Unix()+3600, reset, 60)
	assert.Equal(t, http.StatusOK, do(t, s, http.MethodOptions, listPath("u1", "")).status, "OPTIONS is not throttled")
}

func TestRateLimitWindowReopens(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithRateLimit(1, 50*time.Millisecond))
	require.Equal(t, http.StatusOK, do(t, s, http.MethodGet, listPath("u1", "")).status)
	r := do(t, s, http.MethodGet, listPath("u1", ""))
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "1", r.header.Get("Retry-After"), "whole seconds, rounded up")
	require.Eventually(t, func() bool {
		return do(t, s, http.MethodGet, listPath("u1", "")).status == http.StatusOK
	}, 10*time.Second, 20*time.Millisecond)
}

func TestMaintenance(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3))
	s.Down(30)
	for _, path := range []string{listPath("u1", ""), "/nope"} {
		r := do(t, s, http.MethodGet, path)
		assert.Equal(t, http.StatusServiceUnavailable, r.status)
		assert.Equal(t, "30", r.header.Get("Retry-After"))
		assert.Equal(t, "{\n    \"message\": \"Service Unavailable\"\n}", string(r.body))
	}
	s.Up()
	assert.Equal(t, http.StatusOK, do(t, s, http.MethodGet, listPath("u1", "")).status)
}

func TestOptionsAndHead(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3), agentapitest.WithToken("tok"))
	r := do(t, s, http.MethodOptions, listPath("u1", ""))
	assert.Equal(t, http.StatusOK, r.status, "before authentication")
	assert.Equal(t, "GET,HEAD", r.header.Get("Allow"))
	assert.Empty(t, r.body)
	r = do(t, s, http.MethodHead, listPath("u1", ""), "Authorization", "Bearer tok")
	assert.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, r.body)
}

func TestLikeFilter(t *testing.T) {
	s := newServer(t, agentapitest.WithTaskSeeds("u1",
		agentapitest.TaskSeed{Name: "Promo_50% spring"}, agentapitest.TaskSeed{Name: "promoX50 summer"},
		agentapitest.TaskSeed{Name: "PROMO"}, agentapitest.TaskSeed{Name: "回访 a\\b"}))
	tests := []struct {
		name  string
		total int
	}{
		{"promo", 3}, {"promo_50", 2}, {"promo_50%25", 2}, {"50%25", 2}, {"_", 4}, {"%25", 4}, {"%25s%25", 2},
		{"%20promo%20", 3}, {"a\\b", 1}, {"回访", 1}, {"spring", 1}, {"PROMO%25spring", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.total, list(t, s, "u1", "name="+tt.name).Meta.Total)
		})
	}
}

func TestValidation(t *testing.T) {
	s := newServer(t, agentapitest.WithTasks("u1", 3))
	r := do(t, s, http.MethodGet, listPath("u1", "name[]=x&sub_user_id[]=y"))
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
	assert.Equal(t, `{"message":"The given data was invalid.","errors":{"name":["The name must be a string."],`+
		`"sub_user_id":["The sub user id must be a string."]}}`, string(r.body))
}
