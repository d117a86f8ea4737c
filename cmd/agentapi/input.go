package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/f703e656/agentapi"
)

// maxInput bounds the JSON a command reads.
const maxInput = 1 << 20

// inputFlags is --file, where create and update read their JSON.
type inputFlags struct {
	fs   *flagSet
	path string
}

// addInputFlags defines --file on fs.
func addInputFlags(fs *flagSet) *inputFlags {
	in := &inputFlags{fs: fs}
	fs.String(&in.path, "file", "")
	return in
}

// read returns the JSON of --file PATH, or of stdin for "-" or without
// --file. Without --file on a terminal it refuses rather than wait for
// typing. Every refusal is a usageError of cmd.
func (in *inputFlags) read(cmd string, cio *cmdIO) ([]byte, string, error) {
	path := in.path
	if in.fs.isSet("file") && path == "" {
		return nil, "", usagef(cmd, "%s: --file needs a file name (\"-\" for standard input)", cmd)
	}
	var b []byte
	var err error
	switch {
	case path == "" && cio.ttyIn:
		return nil, "", usagef(cmd, "%s: no input: give --file PATH or pipe the JSON on standard input", cmd)
	case path == "" || path == "-":
		path = "standard input"
		if cio.stdin == nil {
			return nil, "", usagef(cmd, "%s: no standard input", cmd)
		}
		b, err = io.ReadAll(io.LimitReader(cio.stdin, maxInput+1))
	default:
		b, err = os.ReadFile(path)
	}
	switch {
	case err != nil:
		return nil, "", usagef(cmd, "%s: reading the input: %w", cmd, err)
	case len(b) > maxInput:
		return nil, "", usagef(cmd, "%s: %s holds more than %d bytes", cmd, path, maxInput)
	case len(bytes.TrimSpace(b)) == 0:
		return nil, "", usagef(cmd, "%s: %s is empty: want a JSON object", cmd, path)
	}
	return b, path, nil
}

// decodeStrict reads b, one JSON object, into v, refusing unknown keys
// and trailing data.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// readTaskInput reads a TaskInput from b. Keys the SDK does not model
// (the vendor's newer fields) go to Extra and are sent as given.
func readTaskInput(b []byte) (*agentapi.TaskInput, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	known := jsonNames(reflect.TypeOf(agentapi.TaskInput{}))
	typed := map[string]json.RawMessage{}
	extra := map[string]any{}
	for k, v := range all {
		if known[k] {
			typed[k] = v
			continue
		}
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			return nil, err
		}
		extra[k] = x
	}
	// A task_extras of the vendor's newer shape (line as {"id", "limit"}
	// objects, holiday with "begin", pop_mode, redial_*) does not fit the
	// typed TaskInputExtras: it is sent whole, as given, and its start and
	// stop times still fill the typed fields that the SDK checks.
	var span struct {
		StartTime agentapi.Time `json:"start_time"`
		StopTime  agentapi.Time `json:"stop_time"`
	}
	raw, newer := typed["task_extras"]
	if newer = newer && decodeStrict(raw, new(agentapi.TaskInputExtras)) != nil; newer {
		if err := json.Unmarshal(raw, &span); err != nil {
			return nil, err
		}
		delete(typed, "task_extras")
		extra["task_extras"] = raw
	}
	tb, err := json.Marshal(typed)
	if err != nil {
		return nil, err
	}
	in := new(agentapi.TaskInput)
	if err := decodeStrict(tb, in); err != nil {
		return nil, err
	}
	if newer {
		in.Extras.StartTime, in.Extras.StopTime = span.StartTime, span.StopTime
	}
	if len(extra) > 0 {
		in.Extra = extra
	}
	return in, nil
}

// jsonNames returns the JSON keys of the struct type t's fields.
func jsonNames(t reflect.Type) map[string]bool {
	names := map[string]bool{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			names[name] = true
		}
	}
	return names
}

// inputError is the usage error of JSON that b (from where) could not be
// read as what the command takes.
func inputError(cmd, where, what string, err error) error {
	return usagef(cmd, "%s: %s is not %s: %w", cmd, where, what, err)
}

// confirm asks question on stderr and reads the answer from stdin: true
// for y or yes.
func confirm(cio *cmdIO, question string) bool {
	fmt.Fprintf(cio.stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(cio.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}
