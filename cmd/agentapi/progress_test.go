package main

import (
	"bytes"
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
	p.update(1, 16, 15, 15, false)
	p.update(2, 16, 30, 4, true)
	p.update(3, 3, 31, 4, false) // a shorter line blanks the rest of the longer one
	p.clear()
	long := "page 2/16, 30 tasks, 4 matching"
	short := "page 3/3, 31 tasks"
	assert.Equal(t, "\rpage 1/16, 15 tasks"+
		"\r"+long+
		"\r"+short+strings.Repeat(" ", len(long)-len(short))+
		"\r"+strings.Repeat(" ", len(short))+"\r", buf.String())

	buf.Reset()
	p.clear()
	assert.Empty(t, buf.String(), "nothing to clear")
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	var nilProgress *progress
	nilProgress.update(1, 2, 3, 3, false) // a nil progress shows nothing and does not panic
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
