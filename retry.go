package agentapi

// SKELETON: the client helper completes this file; keep withThrottleFlag and
// markThrottled as they are (the pager depends on them).

import (
	"context"
	"sync/atomic"
)

type throttleKey struct{}

// withThrottleFlag returns a context whose requests set the flag when a
// response of theirs is HTTP 429, even one that a retry then got past.
func withThrottleFlag(ctx context.Context) (context.Context, *atomic.Bool) {
	f := new(atomic.Bool)
	return context.WithValue(ctx, throttleKey{}, f), f
}

// markThrottled sets ctx's throttle flag, if it has one.
func markThrottled(ctx context.Context) {
	if f, ok := ctx.Value(throttleKey{}).(*atomic.Bool); ok {
		f.Store(true)
	}
}
