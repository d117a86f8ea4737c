package main

import (
	"context"
	"fmt"

	"github.com/f703e656/agentapi"
)

// runList lists tasks as cfg says. Output goes through a buffer ended once:
// on stdout what arrived before a failure is still written; an --output
// file is replaced only by a complete listing.
func runList(ctx context.Context, cfg listConfig, cio *cmdIO) error {
	const cmd = "tasks list"
	if cfg.statuses != nil && cfg.server == nil && !cfg.all {
		fmt.Fprintln(cio.stderr, "agentapi: warning: --status filtered one page only; add --all to filter every page")
	}
	prog := cio.progress()
	ctx, client, release, err := cfg.api.connect(ctx, cmd, prog)
	if err != nil {
		return err
	}
	defer release()

	w, finish, err := cfg.out.open(cio.stdout)
	if err != nil {
		return err
	}
	out := newTaskWriter(cfg.out.format, w, cfg.out.csvRaw)
	stats, err := listTasks(ctx, cfg, client, out, prog)
	prog.clear()
	// A walk that saw the list change says so, even when it recovered.
	fmt.Fprint(cio.stderr, driftNote(stats.Changed, stats.Refetched))
	if endErr := out.End(err == nil); err == nil {
		err = endErr
	}
	if finErr := finish(err == nil); err == nil {
		err = finErr
	}
	if err != nil {
		return cfg.api.failure(ctx, cmd, err)
	}
	return nil
}

// lister writes the tasks that pass the status filter, up to cfg.max.
type lister struct {
	cfg     listConfig
	out     taskWriter
	fetched int // tasks received
	written int // tasks that passed the filter and were written
}

// emit writes t if it passes the filter and reports whether --max is
// reached.
func (l *lister) emit(t *agentapi.Task) (bool, error) {
	l.fetched++
	if l.cfg.statuses != nil && !l.cfg.statuses[t.Status()] {
		return false, nil
	}
	if err := l.out.Write(t); err != nil {
		return true, err
	}
	l.written++
	return l.cfg.max > 0 && l.written >= l.cfg.max, nil
}

// listTasks fetches the tasks, one page or, with cfg.all, every page, and
// writes those that pass the status filter, up to cfg.max of them. stats
// are the walk's (zero for one page).
func listTasks(ctx context.Context, cfg listConfig, client *agentapi.Client, out taskWriter, prog *progress) (stats agentapi.WalkStats, err error) {
	l := &lister{cfg: cfg, out: out}
	if !cfg.all {
		page, err := listPage(ctx, cfg, client)
		if err != nil {
			return stats, err
		}
		return stats, l.emitAll(page.Items)
	}

	popts := []agentapi.PagerOption{agentapi.WithConcurrency(cfg.concurrency)}
	if cfg.max > 0 && cfg.statuses == nil {
		// Without a filter --max counts what the pager yields, so the pager
		// can skip the pages that cannot be needed.
		popts = append(popts, agentapi.WithMaxItems(cfg.max))
	}
	pager := walk(cfg, client, popts)
	err = l.walk(ctx, pager, prog)
	return pager.Stats(), err
}

// listPage fetches the one page cfg asks for: from the 2.0 list with the
// server's status filter when cfg.server says so, from subset_task
// otherwise.
func listPage(ctx context.Context, cfg listConfig, client *agentapi.Client) (*agentapi.TaskPage, error) {
	if cfg.server != nil {
		return client.ListTasks(ctx, cfg.api.user, tasksOptions(cfg))
	}
	return client.ListSubsetTasks(ctx, cfg.api.user, subsetOptions(cfg))
}

// walk returns the pager of every page, from the list listPage would use.
func walk(cfg listConfig, client *agentapi.Client, popts []agentapi.PagerOption) *agentapi.Pager[agentapi.Task] {
	if cfg.server != nil {
		return client.Tasks(cfg.api.user, tasksOptions(cfg), popts...)
	}
	return client.SubsetTasks(cfg.api.user, subsetOptions(cfg), popts...)
}

// subsetOptions are cfg's query of subset_task.
func subsetOptions(cfg listConfig) *agentapi.ListSubsetTasksOptions {
	return &agentapi.ListSubsetTasksOptions{
		Page: cfg.page, PerPage: cfg.perPage, Name: cfg.name, SubUserID: cfg.subUser,
	}
}

// tasksOptions are cfg's query of the 2.0 list, with the server's filter.
func tasksOptions(cfg listConfig) *agentapi.ListTasksOptions {
	return &agentapi.ListTasksOptions{
		Page: cfg.page, PerPage: cfg.perPage, Name: cfg.name, Status: cfg.server,
	}
}

// walk writes what pager yields. The first page comes through Next, for
// the total the progress counts to; All then continues the walk, and its
// dedupe (each UUID once, a task without a UUID always) is the only one:
// the tool keeps no set of its own.
func (l *lister) walk(ctx context.Context, pager *agentapi.Pager[agentapi.Task], prog *progress) error {
	first, err := pager.Next(ctx)
	if err != nil {
		return err
	}
	prog.start(progressTarget(l.cfg, first.Meta, len(first.Items)), l.cfg.statuses != nil, l.cfg.max)
	if err := l.emitAll(first.Items); err != nil || l.done() {
		return err
	}
	prog.update(l.fetched, l.written)
	for t, err := range pager.All(ctx) {
		if err != nil {
			return err
		}
		done, err := l.emit(&t)
		if done || err != nil {
			return err
		}
		prog.tick(l.fetched, l.written)
	}
	return nil
}

// emitAll emits the tasks of one page until --max is reached.
func (l *lister) emitAll(items []agentapi.Task) error {
	for i := range items {
		if done, err := l.emit(&items[i]); done || err != nil {
			return err
		}
	}
	return nil
}

// done reports whether --max is reached.
func (l *lister) done() bool { return l.cfg.max > 0 && l.written >= l.cfg.max }

// progressTarget returns how many tasks the walk will fetch, as far as the
// first page tells (0: unknown): the tasks from the start page to the end,
// and no more than --max when no filter is between them.
func progressTarget(cfg listConfig, meta agentapi.PageMeta, firstItems int) int {
	target := meta.Total
	if per := max(meta.PerPage, firstItems); cfg.page > 1 && per > 0 {
		target -= (cfg.page - 1) * per
	}
	target = max(target, 0)
	if meta.Total == 0 && meta.LastPage > 1 {
		target = 0 // a server that counts pages but not tasks
	}
	if cfg.max > 0 && cfg.statuses == nil && (target == 0 || cfg.max < target) {
		target = cfg.max
	}
	return target
}
