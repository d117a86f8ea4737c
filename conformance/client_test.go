package conformance_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// exchange is one request of the matrix and what a server answered.
type exchange struct {
	status int
	header http.Header
	body   []byte
}

// probe is a request of the differential matrix.
type probe struct {
	name   string
	method string
	path   string // with the query
	header []string
}

// send sends p to base with a client that follows no redirect, and
// returns the answer.
func send(t *testing.T, base string, p probe) exchange {
	t.Helper()
	method := p.method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, base+p.path, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(p.header); i += 2 {
		if p.header[i+1] == "" {
			req.Header.Del(p.header[i])
			continue
		}
		req.Header.Set(p.header[i], p.header[i+1])
	}
	hc := &http.Client{
		Timeout:       20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := hc.Do(req)
	require.NoError(t, err, "%s %s", method, p.path)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return exchange{status: resp.StatusCode, header: resp.Header, body: body}
}

// jsonType names the JSON type of a raw value: "null", "bool", "number",
// "string", "array", "object".
func jsonType(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "absent"
	}
	switch raw[0] {
	case 'n':
		return "null"
	case 't', 'f':
		return "bool"
	case '"':
		return "string"
	case '[':
		return "array"
	case '{':
		return "object"
	}
	return "number"
}

// orderedKeys returns the keys of a JSON object in the order sent.
func orderedKeys(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok, "%.100s", raw)
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		require.NoError(t, err)
		keys = append(keys, k.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	return keys
}

// isJSON reports whether a response says it is JSON.
func isJSON(h http.Header) bool { return strings.HasPrefix(h.Get("Content-Type"), "application/json") }

// jsonUnmarshal decodes JSON text.
func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
