package main

import (
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
		opts = append(opts, agentapitest.WithRateLimit(c.rate.n, c.rate.per))
	}
	return agentapitest.NewFake(opts...), nil
}
