package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/f703e656/agentapi"
)

// demoUser and demoTasks are what --demo lists: enough tasks for several
// pages at the server's default of 15 a page.
const (
	demoUser  = "demo"
	demoTasks = 237
)

// listConfig is the validated configuration of "tasks list".
type listConfig struct {
	api           apiConfig
	out           outputConfig
	subUser, name string
	page, perPage int
	all           bool
	concurrency   int
	max           int                          // 0 = no limit
	statuses      map[agentapi.TaskStatus]bool // nil = every status
	// server is the 2.0 list's status filter that statuses maps onto, nil
	// when it does not (then subset_task is listed and filtered here).
	server []agentapi.TaskFilter
}

// listFlags are the flags of "tasks list" as parsed, before validation.
type listFlags struct {
	fs            *flagSet
	api           *apiFlags
	out           *outputFlags
	subUser, name string
	status        string
	page, perPage int
	all           bool
	concurrency   int
	max           int
}

// addListFlags defines the flags of "tasks list" on fs.
func addListFlags(fs *flagSet) *listFlags {
	l := &listFlags{fs: fs, api: addAPIFlags(fs), out: addOutputFlags(fs)}
	fs.String(&l.subUser, "sub-user", "")
	fs.String(&l.name, "name", "")
	fs.Int(&l.page, "page", 0)
	fs.Int(&l.perPage, "per-page", 0)
	fs.Bool(&l.all, "all")
	fs.Int(&l.concurrency, "concurrency", 1)
	fs.Int(&l.max, "max", 0)
	fs.String(&l.status, "status", "")
	return l
}

// setupList is the command table's entry for "tasks list".
func setupList(fs *flagSet) action {
	l := addListFlags(fs)
	return func(ctx context.Context, cio *cmdIO, _ []string) error {
		cfg, err := l.resolve(cio)
		if err != nil {
			return err
		}
		return runList(ctx, cfg, cio)
	}
}

// resolve validates the flags of "tasks list" against the environment.
// Every refusal is a usageError, and none of them holds the token.
func (l *listFlags) resolve(cio *cmdIO) (listConfig, error) {
	const cmd = "tasks list"
	c := listConfig{
		subUser: l.subUser, name: l.name, page: l.page, perPage: l.perPage,
		all: l.all, concurrency: l.concurrency, max: l.max,
	}
	switch {
	case c.page < 0:
		return c, usagef(cmd, "%s: --page %d is negative", cmd, c.page)
	case c.perPage < 0:
		return c, usagef(cmd, "%s: --per-page %d is negative", cmd, c.perPage)
	case c.concurrency < 1:
		return c, usagef(cmd, "%s: --concurrency %d is less than 1", cmd, c.concurrency)
	case l.fs.isSet("concurrency") && !c.all:
		return c, usagef(cmd, "%s: --concurrency needs --all (one page is one request)", cmd)
	case c.max < 0:
		return c, usagef(cmd, "%s: --max %d is negative", cmd, c.max)
	}
	if l.fs.isSet("status") {
		st, err := parseStatuses(l.status)
		if err != nil {
			return c, &usageError{err: fmt.Errorf("agentapi: %s: %w", cmd, err), cmd: cmd}
		}
		c.statuses = st
		if c.subUser == "" { // the 2.0 list takes no sub_user_id
			c.server = serverFilter(st)
		}
	}
	var err error
	if c.out, err = l.out.resolve(cmd); err != nil {
		return c, err
	}
	c.api, err = l.api.resolve(cmd, cio)
	return c, err
}

// serverFilter returns the 2.0 list's status filter that keeps exactly
// the statuses st, as far as the server's filter goes: paused is
// FilterPaused, dialing and waiting together FilterActive. It returns nil
// when st holds another status, or dialing without waiting (or the
// reverse): the server cannot tell those apart. The server's filter reads
// the flags and not the remote task, so an abnormal task can pass it;
// the tool's own filter still drops it.
func serverFilter(st map[agentapi.TaskStatus]bool) []agentapi.TaskFilter {
	var f []agentapi.TaskFilter
	if st[agentapi.StatusPaused] {
		f = append(f, agentapi.FilterPaused)
	}
	if st[agentapi.StatusDialing] != st[agentapi.StatusWaiting] {
		return nil
	}
	if st[agentapi.StatusDialing] {
		f = append(f, agentapi.FilterActive)
	}
	if st[agentapi.StatusUnknown] || st[agentapi.StatusAbnormal] {
		return nil
	}
	return f
}

// parseStatuses reads a comma-separated list of TaskStatus words, and
// "active" for dialing and waiting.
func parseStatuses(list string) (map[agentapi.TaskStatus]bool, error) {
	set := map[agentapi.TaskStatus]bool{}
	for _, w := range strings.Split(list, ",") {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "" {
			continue
		}
		if w == "active" {
			set[agentapi.StatusDialing], set[agentapi.StatusWaiting] = true, true
			continue
		}
		st, err := agentapi.ParseTaskStatus(w)
		if err != nil {
			return nil, fmt.Errorf("--status: unknown word %q: want some of %s", w, statusWords)
		}
		set[st] = true
	}
	if len(set) == 0 {
		return nil, errors.New("--status is empty: want some of " + statusWords)
	}
	return set, nil
}

// statusWords are the words --status takes.
const statusWords = "unknown,dialing,paused,waiting,abnormal,active"
