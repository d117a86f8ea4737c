package agentapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeriveStatus(t *testing.T) {
	tests := []struct {
		enable      bool
		remote      *NewTaskExtra
		want        TaskStatus
		word, label string
	}{
		{true, &NewTaskExtra{CallStatus: true}, StatusDialing, "dialing", "任务拨打中"},
		{false, &NewTaskExtra{CallStatus: false}, StatusPaused, "paused", "任务暂停中"},
		{true, &NewTaskExtra{CallStatus: false}, StatusWaiting, "waiting", "任务等待执行"},
		{false, &NewTaskExtra{CallStatus: true}, StatusUnknown, "unknown", "未定义状态"},
		{true, nil, StatusAbnormal, "abnormal", "异常任务"},
		{false, nil, StatusAbnormal, "abnormal", "异常任务"},
	}
	for _, tt := range tests {
		got := DeriveStatus(tt.enable, tt.remote)
		assert.Equal(t, tt.want, got)
		assert.Equal(t, tt.word, got.String())
		assert.Equal(t, tt.label, got.Label())
		task := Task{Enable: tt.enable, NewTaskExtra: tt.remote}
		assert.Equal(t, tt.want, task.Status())
	}
}

func TestDeriveStatusIgnoresRemoteEnable(t *testing.T) {
	// The vendor's page decides by the task's own enable, not new_task_extra.enable.
	assert.Equal(t, StatusPaused, DeriveStatus(false, &NewTaskExtra{Enable: true}))
	assert.Equal(t, StatusWaiting, DeriveStatus(true, &NewTaskExtra{Enable: false}))
}

func TestTaskStatusText(t *testing.T) {
	for s := StatusUnknown; s <= StatusAbnormal; s++ {
		b, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, `"`+s.String()+`"`, string(b))
		var back TaskStatus
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, s, back)
	}
	var s TaskStatus
	err := s.UnmarshalText([]byte("running"))
	assert.ErrorIs(t, err, ErrInvalidArgument)
	_, err = TaskStatus(42).MarshalText()
	assert.ErrorIs(t, err, ErrInvalidArgument)
	assert.Equal(t, "TaskStatus(42)", TaskStatus(42).String())
	assert.Equal(t, "TaskStatus(-1)", TaskStatus(-1).Label())
}
