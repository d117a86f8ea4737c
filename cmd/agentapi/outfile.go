package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// outputFlags are the flags of every command that prints API data.
type outputFlags struct {
	fs     *flagSet
	format string
	path   string
	csvRaw bool
}

// outputConfig is where and how a command prints.
type outputConfig struct {
	format string
	path   string // "" = stdout
	csvRaw bool   // csv cells written as they are, formulas included
}

// addOutputFlags defines --format, --output and --csv-raw on fs.
func addOutputFlags(fs *flagSet) *outputFlags {
	o := &outputFlags{fs: fs}
	fs.String(&o.format, "format", formatTable)
	fs.String(&o.path, "output", "")
	fs.Bool(&o.csvRaw, "csv-raw")
	return o
}

// resolve validates the output flags of cmd.
func (o *outputFlags) resolve(cmd string) (outputConfig, error) {
	c := outputConfig{format: o.format, path: o.path, csvRaw: o.csvRaw}
	switch {
	case newTaskWriter(c.format, io.Discard, false) == nil:
		return c, usagef(cmd, "%s: --format %q: want table, json, jsonl or csv", cmd, c.format)
	case c.csvRaw && c.format != formatCSV:
		return c, usagef(cmd, "%s: --csv-raw applies to --format csv only", cmd)
	case o.fs.isSet("output") && c.path == "":
		return c, usagef(cmd, "%s: --output needs a file name", cmd)
	}
	return c, nil
}

// open returns where the output goes, buffered, and the function that ends
// it: finish(true) flushes it; for --output it renames the temporary file
// written so far onto the path. finish(false) flushes stdout, so that what
// arrived before a failure is not lost, but leaves --output's path as it
// was: a failed run never leaves a plausible partial file.
func (o outputConfig) open(stdout io.Writer) (io.Writer, func(ok bool) error, error) {
	if o.path == "" {
		bw := bufio.NewWriterSize(stdout, 64<<10)
		return bw, func(bool) error { return bw.Flush() }, nil
	}
	f, err := os.CreateTemp(filepath.Dir(o.path), "."+filepath.Base(o.path)+".*.tmp")
	if err != nil {
		return nil, nil, fmt.Errorf("agentapi: --output: %w", err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	finish := func(ok bool) error {
		err := bw.Flush()
		if ok && err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if ok && err == nil {
			err = os.Chmod(f.Name(), outputMode(o.path))
		}
		if ok && err == nil {
			err = os.Rename(f.Name(), o.path)
		}
		if !ok || err != nil {
			rmErr := os.Remove(f.Name())
			if err != nil {
				return errors.Join(fmt.Errorf("agentapi: --output %s: %w", o.path, err), rmErr)
			}
		}
		return nil
	}
	return bw, finish, nil
}

// outputMode is the mode the --output file gets: that of the file it
// replaces, or rw-r--r-- for a new one (a temporary file starts at rw-------).
func outputMode(path string) os.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	return 0o644
}
