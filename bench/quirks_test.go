package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/f703e656/agentapi"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSameData checks that every library fills the mirror structs exactly as
// encoding/json does, and that the SDK lists the same tasks, plain or gzip.
func TestSameData(t *testing.T) {
	page := mustPage(t)
	var want envelope[json.RawMessage, json.RawMessage]
	require.NoError(t, json.Unmarshal(page, &want))
	require.Len(t, want.Data, benchTasks)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)

	for _, d := range decoders() {
		t.Run(d.name, func(t *testing.T) {
			got, err := d.raw(page)
			require.NoError(t, err)
			gotJSON, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(wantJSON), string(gotJSON))
			assert.Equal(t, string(wantJSON), string(gotJSON), "same nil and empty lists, same raw bytes")
		})
	}
	t.Run("jx-ogen-loop struct", func(t *testing.T) {
		got, err := jxDecoder[json.RawMessage]{quirk: jxRaw}.decode(page)
		require.NoError(t, err)
		assert.Equal(t, &want, got)
	})

	gz, err := newGzipTransport(page)
	require.NoError(t, err)
	for name, rt := range map[string]http.RoundTripper{"sdk": &memTransport{body: page}, "sdk-gzip": gz} {
		t.Run(name, func(t *testing.T) {
			c, err := agentapi.NewClient("http://bench.invalid", agentapi.WithHTTPClient(&http.Client{Transport: rt}))
			require.NoError(t, err)
			pg, err := c.ListSubsetTasks(context.Background(), "u1", nil)
			require.NoError(t, err)
			require.Len(t, pg.Items, benchTasks)
			for i, task := range pg.Items {
				assert.Equal(t, want.Data[i].UUID, task.UUID)
				assert.Equal(t, want.Data[i].Name, task.Name)
			}
		})
	}
}

// TestQuirks reports which decoder gets through the real API's quirky
// bodies: the real page (meta.per_page and new_task_extra's wday sent as
// strings) into structs typing them int as the vendor documents them; the
// same page with per_page a number, so that wday alone is tried; the real
// page into the raw mirror (the control); and a PHP list sent as an object
// {"0":{...},"1":{...}} into the raw mirror.
func TestQuirks(t *testing.T) {
	const n = 3
	realPage, err := benchPage(n)
	require.NoError(t, err)
	wdayOnly := bytes.Replace(realPage, []byte(`"per_page":"3"`), []byte(`"per_page":3`), 1)
	require.NotEqual(t, realPage, wdayOnly)
	php, err := phpListPage(n)
	require.NoError(t, err)
	cases := []struct {
		name   string
		body   []byte
		typed  bool // the int mirror, else the raw one
		wantOK bool // for the libraries; the SDK absorbs every case
	}{
		{"real page, int fields", realPage, true, false},
		{"wday string only, int fields", wdayOnly, true, false},
		{"real page, raw fields", realPage, false, true},
		{"PHP list as object, raw fields", php, false, false},
	}

	var table strings.Builder
	table.WriteString("| decoder")
	for _, c := range cases {
		table.WriteString(" | " + c.name)
	}
	table.WriteString(" |\n")
	for _, d := range decoders() {
		table.WriteString("| " + d.name)
		for _, c := range cases {
			decode := d.raw
			if c.typed {
				decode = d.typed
			}
			got, err := decode(c.body)
			if c.wantOK {
				require.NoError(t, err, "%s: %s", d.name, c.name)
				assert.Equal(t, n, got.tasks())
			} else {
				assert.Error(t, err, "%s: %s", d.name, c.name)
			}
			table.WriteString(" | " + verdict(err))
		}
		table.WriteString(" |\n")
	}
	table.WriteString("| agentapi SDK (public API)")
	for _, c := range cases {
		list, err := sdkDecoder(&memTransport{body: c.body})
		require.NoError(t, err)
		got, err := list()
		require.NoError(t, err, c.name)
		assert.Equal(t, n, got, c.name)
		table.WriteString(" | " + verdict(err))
	}
	table.WriteString(" |\n")
	t.Log("\n" + table.String())
}

// verdict is one cell of the quirk table.
func verdict(err error) string {
	if err == nil {
		return "ok"
	}
	msg := err.Error()
	if len(msg) > 70 {
		msg = msg[:70] + "…"
	}
	return fmt.Sprintf("fails (%s)", strings.ReplaceAll(msg, "|", "\\|"))
}
