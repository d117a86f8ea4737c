package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/f703e656/agentapi"
	"github.com/f703e656/agentapi/agentapitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTaskGetFillsUUID checks that tasks get, whose settings view sends no
// uuid, shows TASK_ID as the uuid in every format.
func TestTaskGetFillsUUID(t *testing.T) {
	srv := newFake(t, agentapitest.WithTasks(lifeUser, 3))
	env := fakeEnv(srv)
	r := runCLI(t, env, "tasks", "list", "--format", "jsonl", "--max", "1")
	require.Equal(t, exitOK, r.code, r.stderr)
	listed := parseOutput(t, formatJSONL, r.stdout)
	require.Len(t, listed, 1)
	id, _ := listed[0]["uuid"].(string)
	require.NotEmpty(t, id)

	for _, format := range []string{formatTable, formatCSV, formatJSON, formatJSONL} {
		t.Run(format, func(t *testing.T) {
			r := runCLI(t, env, "tasks", "get", id, "--format", format)
			require.Equal(t, exitOK, r.code, r.stderr)
			if format == formatTable {
				lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
				require.Len(t, lines, 2, r.stdout)
				assert.Equal(t, id, strings.Fields(lines[1])[0])
				return
			}
			got := parseOutput(t, format, r.stdout)
			require.Len(t, got, 1)
			assert.Equal(t, id, got[0]["uuid"], r.stdout)
			assert.Equal(t, listed[0]["name"], got[0]["name"], "the settings of the task listed")
		})
	}
}

func TestFillUUID(t *testing.T) {
	cases := []struct {
		name     string
		uuid     string
		raw      string
		wantUUID string
		wantRaw  string
	}{
		{"no uuid key", "", `{"name": "a"}`, "id1", `{"name":"a","uuid":"id1"}`},
		{"an empty uuid: the added key comes last and wins", "", `{"uuid":"","name":"a"}`, "id1", `{"uuid":"","name":"a","uuid":"id1"}`},
		{"a uuid sent is kept", "u9", `{"uuid":"u9"}`, "u9", `{"uuid":"u9"}`},
		{"no raw object", "", ``, "id1", ``},
		{"raw not an object", "", `[1]`, "id1", `[1]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			task := &agentapi.Task{UUID: c.uuid, Raw: json.RawMessage(c.raw)}
			fillUUID(task, "id1")
			assert.Equal(t, c.wantUUID, task.UUID)
			assert.Equal(t, c.wantRaw, string(task.Raw))
			if c.raw != "" && json.Valid(task.Raw) && strings.HasPrefix(c.raw, "{") {
				var obj map[string]any
				require.NoError(t, json.Unmarshal(task.Raw, &obj))
				assert.Equal(t, c.wantUUID, obj["uuid"], "what a JSON reader sees")
			}
		})
	}
}
