package agentapi

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them: the
// client and the pager must leave nothing running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
