//go:build unix

package agentapi

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) used so far by the whole
// process, every thread included.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
