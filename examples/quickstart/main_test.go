package main

import (
	"testing"

	"github.com/f703e656/agentapi/internal/exampletest"
)

func TestRunAgainstTheFake(t *testing.T) {
	exampletest.AgainstTheFake(t, run, "page 1 of 8 (40 tasks in all)", "status:", "uuid:")
}

func TestRunAgainstAServer(t *testing.T) {
	exampletest.AgainstAServer(t, run, "page 1 of 1 (0 tasks in all)")
}
