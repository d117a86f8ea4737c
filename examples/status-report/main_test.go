package main

import (
	"testing"

	"github.com/f703e656/agentapi/internal/exampletest"
)

func TestRunAgainstTheFake(t *testing.T) {
	exampletest.AgainstTheFake(t, run, "任务拨打中 (dialing): 72\n", "任务暂停中 (paused): 72\n", "任务等待执行 (waiting): 47\n", "异常任务 (abnormal): 23\n", "未定义状态 (unknown): 23\n", "  ... and 69 more\n")
}

func TestRunAgainstAServer(t *testing.T) {
	exampletest.AgainstAServer(t, run, "任务拨打中 (dialing): 0\n")
}
