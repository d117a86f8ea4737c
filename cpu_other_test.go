//go:build !unix

package agentapi

import "time"

// processCPU is not measured off unix: cpu-µs/task is left out.
func processCPU() time.Duration { return 0 }
