// Package bench holds the side-by-side decoding benchmarks of the agentapi
// SDK against general JSON libraries (issue 13). It is a module of its own so
// that the library's module gains no dependency; it has no code besides its
// tests. See README.md for what it measures and how to run it.
package bench
