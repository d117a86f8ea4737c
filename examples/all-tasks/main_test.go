package main

import (
	"testing"

	"github.com/f703e656/agentapi/internal/exampletest"
)

func TestRunAgainstTheFake(t *testing.T) {
	exampletest.AgainstTheFake(t, run, "237 tasks\n", "dialing  72\n", "waiting  47\n", "paused   72\n", "abnormal 23\n", "unknown  23\n")
}

func TestRunAgainstAServer(t *testing.T) {
	exampletest.AgainstAServer(t, run, "0 tasks\n")
}
