package agentapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/f703e656/agentapi/internal/jsonwire"
)

// FuzzDecodeTaskPage feeds the decoders arbitrary bodies. They must never
// panic, fail only with ErrMalformedResponse, accept only JSON, and a page
// they accept must hold up: every task has its Raw, and
// json.Marshal of a task reads back (through Task.UnmarshalJSON) to a task
// that marshals the same.
func FuzzDecodeTaskPage(f *testing.F) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(benchPage(3))
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `<html>502 Bad Gateway</html>`,
		`{"code":200,"data":[]}`, `{"data":{"1":{"uuid":"b"},"0":{"uuid":"a"}},"code":"200"}`,
		`{"code":500,"data":"junk"}`, `{"message":"Unauthenticated."}`,
		`{"code":200,"data":[{"enable":"1","maximumcall":"10.00","name":101,"group":[],"task_extras":{}}]}`,
		`{"code":200,"data":[{"new_task_extra":{"work_hour":{"3":{"wday":"-1"},"0":{"wday":2}},"work_week":["1"]}}]}`,
		`{"code":200,"data":[{"create_datetime":"2024-09-02T13:45:18.000000Z","restart_at":"0000-00-00 00:00:00"}]}`,
		`{"code":200,"data":[{"name":"\ud83d\ude00\ud83d","remark":"a\u0000b"}]}`,
		`{"code":200,"data":[{"caller_line":[[[[{"a":[1e5,-0.5,true,false,null]}]]]]}]}`,
		`{"code":200,"meta":{"per_page":"1e1","total":1.0},"data":null}`,
		`{"code":200,"data":{"task_dial_times":[{"id":"1","content":"[{\"week\":\"1\",\"times\":{\"0\":{}}}]"}],"caller_line_list":{"0":{"line_id":7}}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := decodeEnvelope(body); err != nil && !isMalformed(err) {
			t.Fatalf("decodeEnvelope: an error that is not ErrMalformedResponse: %v", err)
		}
		for _, decode := range []func([]byte) error{
			func(b []byte) error { _, _, err := decodeData(b, defaultZone(), (*decoder).task); return err },
			func(b []byte) error { _, _, err := decodeData(b, defaultZone(), (*decoder).taskSetup); return err },
			func(b []byte) error {
				_, _, err := decodeListPage(b, defaultZone(), (*decoder).dialTimeGroup)
				return err
			},
		} {
			if err := decode(body); err != nil && !isMalformed(err) {
				t.Fatalf("an error that is not ErrMalformedResponse: %v", err)
			}
		}
		env, tasks, err := decodeTaskPage(body, defaultZone())
		if err == nil && !json.Valid(bytes.TrimPrefix(body, []byte(utf8BOM))) {
			t.Fatalf("accepted a body that is not JSON: %q", body)
		}
		if err != nil {
			if !isMalformed(err) {
				t.Fatalf("decodeTaskPage: an error that is not ErrMalformedResponse: %v", err)
			}
			return
		}
		if env.HasCode && env.Code != 200 && tasks != nil {
			t.Fatalf("code %d, yet %d tasks", env.Code, len(tasks))
		}
		for i, task := range tasks {
			if len(task.Raw) == 0 || task.Raw[0] != '{' || !json.Valid(task.Raw) {
				t.Fatalf("task %d: Raw %q", i, task.Raw)
			}
			out, err := json.Marshal(task)
			if err != nil {
				t.Fatalf("task %d: json.Marshal: %v", i, err)
			}
			var back Task
			if err := json.Unmarshal(out, &back); err != nil {
				t.Fatalf("task %d: json.Unmarshal of %s: %v", i, out, err)
			}
			again, err := json.Marshal(back)
			if err != nil || !bytes.Equal(out, again) {
				t.Fatalf("task %d: marshals as\n%s\nthen as\n%s (%v)", i, out, again, err)
			}
		}
	})
}

// isMalformed reports whether err is a decoding error, as it must be: it
// matches ErrMalformedResponse, carries the reader's *jsonwire.Error, and
// says "agentapi:" once.
func isMalformed(err error) bool {
	var jerr *jsonwire.Error
	return errors.Is(err, ErrMalformedResponse) && errors.As(err, &jerr) &&
		strings.Count(err.Error(), "agentapi:") == 1
}
