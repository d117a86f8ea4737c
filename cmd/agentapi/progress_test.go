package main

import (
	"time"

	"bytes"
	"github.com/f703e656/agentapi"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf}
	p.start(2370, false, 0)
	p.update(100, 100)
	p.start(200, true, 20) // --max 20 after a filter
	p.update(150, 4)
	p.start(0, false, 0) // a server that does not say its total
	p.update(31, 31)     // a shorter line blanks the rest of the longer one
	p.clear()
	long := "150/200 tasks, 4/20 matching"
	short := "31 tasks"
	assert.Equal(t, "\r100/2370 tasks"+
		"\r"+long+
		"\r"+short+strings.Repeat(" ", len(long)-len(short))+
		"\r"+strings.Repeat(" ", len(short))+"\r", buf.String())

	buf.Reset()
	p.clear()
	assert.Empty(t, buf.String(), "nothing to clear")
}

func TestProgressTarget(t *testing.T) {
	meta := agentapi.PageMeta{Total: 237, LastPage: 16, PerPage: 15, CurrentPage: 1}
	cases := []struct {
		name string
		cfg  listConfig
		meta agentapi.PageMeta
		want int
	}{
		{"the whole list", listConfig{}, meta, 237},
		{"--max needs a tenth", listConfig{max: 20}, meta, 20},
		{"--max past the end", listConfig{max: 1000}, meta, 237},
		{"--max after a filter counts every task", listConfig{max: 20, statuses: map[agentapi.TaskStatus]bool{agentapi.StatusPaused: true}}, meta, 237},
		{"from page 10", listConfig{page: 10}, meta, 237 - 9*15},
		{"no total", listConfig{}, agentapi.PageMeta{LastPage: 3}, 0},
		{"no total, --max", listConfig{max: 5}, agentapi.PageMeta{LastPage: 3}, 5},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, progressTarget(c.cfg, c.meta, 15), c.name)
	}
}

func TestProgressTickIsPaced(t *testing.T) {
	var buf bytes.Buffer
	now := time.Unix(1000, 0)
	p := &progress{w: &buf, now: func() time.Time { return now }}
	p.update(1, 1)
	p.tick(2, 2) // too soon
	assert.Equal(t, "\r1 tasks", buf.String())
	now = now.Add(progressEvery)
	p.tick(3, 3)
	assert.Contains(t, buf.String(), "\r3 tasks")
	p.waiting(41700 * time.Millisecond)
	assert.Contains(t, buf.String(), "waiting 42s for the rate limit")
}

func TestDriftNote(t *testing.T) {
	assert.Empty(t, driftNote(false, 0))
	assert.Contains(t, driftNote(true, 0), "the list changed during the walk")
	assert.Contains(t, driftNote(true, 3), "3 pages were fetched again")
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	var nilProgress *progress
	nilProgress.start(2, true, 1) // a nil progress shows nothing and does not panic
	nilProgress.update(1, 1)
	nilProgress.tick(1, 1)
	nilProgress.waiting(time.Second)
	nilProgress.clear()

	assert.Nil(t, newProgress(&bytes.Buffer{}))
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	require.NoError(t, err)
	defer f.Close()
	assert.Nil(t, newProgress(f), "a regular file is not a terminal")
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		assert.True(t, isTerminal(tty))
	}
}
