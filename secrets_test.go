package agentapi

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/f703e656/agentapi/internal/jsonwire"
)

const (
	testToken  = "tok-9f8e7d6c5b4a"
	testAPIKey = "key/4a5b6c7d8e9f"
)

// echoSecrets answers status with an envelope of code whose message and
// body echo the request's credentials, as a careless gateway does.
func echoSecrets(status, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		key := r.Header.Get("X-Api-Key")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"code":` + strconv.Itoa(code) + `,"message":"bad credentials ` + auth + ` / ` + key +
			`","echo":"` + strings.ReplaceAll(key, "/", `\/`) + `"}`))
	}
}

func TestSecretsNeverInErrors(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"401", echoSecrets(401, 401)},
		{"422", echoSecrets(422, 422)},
		{"200 with an error code", echoSecrets(200, 401)},
		{"malformed 200", reply(200, `<html>`+testToken+`</html>`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, tt.handler)
			c := newTestClient(t, srv.URL, WithToken(testToken), WithHeader("X-Api-Key", testAPIKey))
			_, err := getItems(context.Background(), c, nil)
			require.Error(t, err)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			for _, secret := range []string{testToken, testAPIKey, strings.ReplaceAll(testAPIKey, "/", `\/`)} {
				assert.NotContains(t, err.Error(), secret)
				assert.NotContains(t, apiErr.Message, secret)
				assert.NotContains(t, string(apiErr.Body), secret)
			}
			assert.Contains(t, string(apiErr.Body), redacted)
		})
	}
}

func TestSecretsNeverInLogs(t *testing.T) {
	srv := newTestServer(t, newScript(hangUp, echoSecrets(500, 500), echoSecrets(401, 401)))
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, srv.URL, WithLogger(logger), WithToken(testToken), WithHeader("X-Api-Key", testAPIKey))
	_, err := getItems(context.Background(), c, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	assert.Contains(t, out, "attempt failed")
	assert.NotContains(t, out, testToken)
	assert.NotContains(t, out, testAPIKey)
}

func TestUserinfoNeverInErrors(t *testing.T) {
	for _, base := range []string{
		"ftp://alice:pa55w0rd@api.example.com",
		"https://alice:pa55w0rd@api.example.com/x?q=1",
		"https://alice:pa55w0rd@api.example.com:badport",
		"https://alice:pa55w0rd@/nohost",
		"https://alice:pa55w0rd@api.example.com/#frag",
		"https:/alice:pa55w0rd@api.example.com", // mistyped: one slash, none, three
		"https:alice:pa55w0rd@api.example.com",
		"https:///alice:pa55w0rd@api.example.com",
	} {
		c, err := NewClient(base)
		require.Error(t, err, base)
		assert.Nil(t, c)
		assert.ErrorIs(t, err, ErrInvalidArgument, base)
		assert.NotContains(t, err.Error(), "pa55w0rd", base)
		assert.NotContains(t, err.Error(), "alice", base)
	}

	// A client whose base URL has a password does not show it when a call
	// fails either.
	srv := newTestServer(t, http.HandlerFunc(hangUp))
	base := strings.Replace(srv.URL, "http://", "http://alice:pa55w0rd@", 1)
	c := newTestClient(t, base, WithMaxRetries(0))
	_, err := getItems(context.Background(), c, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "pa55w0rd")
}

func TestRedactorShortValuesKept(t *testing.T) {
	r := newRedactor([]string{"en", testToken})
	assert.Equal(t, "Unauthenticated. [REDACTED]", r.string("Unauthenticated. "+testToken))
}

// TestSecretAcrossTheBodyCut puts the token across the 64 KiB that
// APIError.Body keeps: no start of it may stay.
func TestSecretAcrossTheBodyCut(t *testing.T) {
	const tok = "tok_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	body := strings.Repeat("x", maxErrorBody-20) + tok + "tail"
	srv := newTestServer(t, reply(http.StatusUnauthorized, body))
	c := newTestClient(t, srv.URL, WithToken(tok), WithMaxRetries(0))
	_, err := getItems(context.Background(), c, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Body), maxErrorBody)
	assert.NotContains(t, string(apiErr.Body), tok[:10], "the token's start is not left at the cut")
}

// TestLongSecretCutInAMalformedMessage echoes a long token where a number
// belongs: the reader quotes only the value's first 64 bytes, and even that
// start must not reach the error, its message or the *jsonwire.Error.
func TestLongSecretCutInAMalformedMessage(t *testing.T) {
	tok := "eyJhbGciOiJIUzI1NiJ9." + strings.Repeat("Q", 80)
	body := `{"code":200,"message":"ok","meta":{"total":1,"last_page":1,"current_page":1,"per_page":15},` +
		`"data":[{"uuid":"u","maximumcall":"` + tok + `"}]}`
	srv := newTestServer(t, reply(http.StatusOK, body))
	c := newTestClient(t, srv.URL, WithToken(tok), WithMaxRetries(0))
	_, err := c.ListSubsetTasks(context.Background(), "42", nil)
	require.ErrorIs(t, err, ErrMalformedResponse)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	var jerr *jsonwire.Error
	require.ErrorAs(t, err, &jerr)
	for _, text := range []string{err.Error(), apiErr.Message, jerr.Error()} {
		assert.NotContains(t, text, tok[:16], text)
		assert.Contains(t, text, "data[0].maximumcall", "the path still says where")
	}
}
