package agentapi

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRedirectSameHostFollowed(t *testing.T) {
	var key atomic.Value
	mux := http.NewServeMux()
	mux.HandleFunc("/old/items", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/items", http.StatusFound)
	})
	mux.HandleFunc("/items", func(w http.ResponseWriter, r *http.Request) {
		key.Store(r.Header.Get("X-Api-Key"))
		_, _ = w.Write([]byte(okBody))
	})
	srv := newTestServer(t, mux)
	c := newTestClient(t, srv.URL, WithHeader("X-Api-Key", "k"))
	p, err := getPath(context.Background(), c, "/old/items")
	require.NoError(t, err)
	assert.Len(t, p.Items, 2)
	assert.Equal(t, "k", key.Load())
}

func TestRedirectToOtherHostRefused(t *testing.T) {
	other := newScript(reply(200, okBody))
	target := newTestServer(t, other)
	s := newScript(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/items", http.StatusFound)
	})
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL, WithHeader("X-Api-Key", "k"))
	_, err := getItems(context.Background(), c, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `agentapi: refusing redirect to another host "`+target.URL+`"`)
	assert.Zero(t, other.attempts(), "the other host is never contacted")
	assert.Equal(t, 1, s.attempts(), "a refused redirect is not retried")
}

func TestRedirectLoopStops(t *testing.T) {
	s := newScript(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/items", http.StatusFound)
	})
	srv := newTestServer(t, s)
	c := newTestClient(t, srv.URL)
	_, err := getItems(context.Background(), c, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "stopped after 5 redirects")
	assert.Equal(t, 1+maxRedirects, s.attempts(), "5 redirects followed, then not retried")
}

func TestUntrustedCertificateNotRetried(t *testing.T) {
	s := newScript(reply(200, okBody))
	srv := httptest.NewUnstartedServer(s)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	srv.StartTLS()
	t.Cleanup(srv.Close)

	c := newTestClient(t, srv.URL) // the test server's certificate is not trusted
	start := time.Now()
	_, err := getItems(context.Background(), c, nil)
	require.Error(t, err)
	var verifyErr *tls.CertificateVerificationError
	assert.ErrorAs(t, err, &verifyErr)
	assert.Contains(t, err.Error(), "1 attempt")
	assert.Less(t, time.Since(start), 2*time.Second)

	trusted := newTestClient(t, srv.URL, WithHTTPClient(srv.Client()))
	_, err = getItems(context.Background(), trusted, nil)
	assert.NoError(t, err)
}
