package main

import (
	"fmt"

	"github.com/f703e656/agentapi/agentapitest"
)

// startDemo starts the in-process fake that --demo lists from: demoTasks
// generated tasks of demoUser, on loopback.
func startDemo() *agentapitest.Server {
	return agentapitest.NewServer(agentapitest.WithTasks(demoUser, demoTasks))
}

// fakeHandler returns the fake API that fake serve serves, configured as c
// says.
func fakeHandler(c serveConfig) (*agentapitest.Fake, error) {
	opts := []agentapitest.Option{
		agentapitest.WithTasks(c.user, c.tasks),
		agentapitest.WithToken(c.token),
		agentapitest.WithLatency(c.latency),
	}
	if c.rate.n > 0 {
		rl, err := fakeRateLimit(c.rate)
		if err != nil {
			return nil, err
		}
		opts = append(opts, rl)
	}
	return agentapitest.NewFake(opts...), nil
}

// fakeRateLimit returns the fake's option for --rate-limit: a fixed window
// of r.n requests per r.per, answered as Laravel's throttle middleware does.
//
// LEAD: wire it after merge as
//
//	return agentapitest.WithRateLimit(r.n, r.per), nil
//
// (agentapitest.WithRateLimit is being added in another branch).
func fakeRateLimit(r rateLimit) (agentapitest.Option, error) {
	return nil, fmt.Errorf("agentapi: fake serve: --rate-limit %d/%s: this build's fake has no rate limit yet", r.n, r.per)
}
