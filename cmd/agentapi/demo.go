package main

// PLACEHOLDER until branch fake lands: the demo and fake serve use the
// agentapitest fake.

import (
	"net/http"
	"net/http/httptest"
)

// startDemo starts the in-process fake that --demo lists from.
func startDemo() *httptest.Server { return httptest.NewServer(http.NotFoundHandler()) }

// fakeHandler returns the fake's handler configured as c says.
func fakeHandler(c serveConfig) http.Handler { return http.NotFoundHandler() }
