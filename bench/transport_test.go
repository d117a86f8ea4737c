package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/f703e656/agentapi"
)

// memTransport answers every request from memory with the same 200
// response: a fresh reader over body, Content-Length set. No network, so
// only the client's own work is measured.
type memTransport struct{ body []byte }

// RoundTrip implements http.RoundTripper.
func (m *memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		Status:     "200 OK",
		StatusCode: http.StatusOK,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header: http.Header{
			"Content-Type":   {"application/json"},
			"Content-Length": {strconv.Itoa(len(m.body))},
		},
		Body:          io.NopCloser(bytes.NewReader(m.body)),
		ContentLength: int64(len(m.body)),
		Request:       r,
	}, nil
}

// gzipTransport answers every request with the body gzip-compressed and
// hands it back as net/http's Transport does when it asked for gzip itself
// (the SDK sets no Accept-Encoding): inflated on the fly through a pooled
// gzip.Reader, Content-Encoding and Content-Length removed, ContentLength -1,
// Uncompressed set. The inflating is part of what is measured.
type gzipTransport struct {
	gz   []byte
	pool sync.Pool // of *gzip.Reader, as net/http pools them
}

// newGzipTransport compresses body once, at the default level.
func newGzipTransport(body []byte) (*gzipTransport, error) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &gzipTransport{gz: b.Bytes()}, nil
}

// RoundTrip implements http.RoundTripper.
func (g *gzipTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	zr, _ := g.pool.Get().(*gzip.Reader)
	if zr == nil {
		zr = new(gzip.Reader)
	}
	if err := zr.Reset(bytes.NewReader(g.gz)); err != nil {
		return nil, err
	}
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          &gunzipBody{zr: zr, pool: &g.pool},
		ContentLength: -1,
		Uncompressed:  true,
		Request:       r,
	}, nil
}

// gunzipBody is a response body inflating through a pooled gzip.Reader,
// returned to the pool on Close.
type gunzipBody struct {
	zr   *gzip.Reader
	pool *sync.Pool
}

func (b *gunzipBody) Read(p []byte) (int, error) {
	if b.zr == nil {
		return 0, io.ErrClosedPipe
	}
	return b.zr.Read(p)
}

func (b *gunzipBody) Close() error {
	if b.zr != nil {
		b.pool.Put(b.zr)
		b.zr = nil
	}
	return nil
}

// sdkDecoder returns a function listing one page of subset tasks through
// the SDK's public API over rt: request building, the RoundTripper, reading
// the body and decoding, as a user's call does it.
func sdkDecoder(rt http.RoundTripper) (func() (int, error), error) {
	c, err := agentapi.NewClient("http://bench.invalid", agentapi.WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	return func() (int, error) {
		pg, err := c.ListSubsetTasks(ctx, "u1", nil)
		if err != nil {
			return 0, err
		}
		return len(pg.Items), nil
	}, nil
}
