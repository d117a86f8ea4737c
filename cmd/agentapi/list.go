package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/f703e656/agentapi"
)

// runTasks dispatches "tasks SUBCOMMAND".
func runTasks(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return usagef(mainUsage, "tasks: missing subcommand (want: tasks list)")
	}
	if args[0] != "list" {
		return usagef(mainUsage, "tasks: unknown subcommand %q (want: tasks list)", args[0])
	}
	cfg, err := parseListConfig(args[1:], getenv, stdin)
	if errors.Is(err, flag.ErrHelp) {
		_, err = io.WriteString(stdout, listUsage)
		return err
	}
	if err != nil {
		return err
	}
	return runList(ctx, cfg, stdout, stderr)
}

// runList lists tasks as cfg says onto stdout. Output goes through a buffer
// that is flushed at the end and on error, so that the tasks before a
// failure are not lost.
func runList(ctx context.Context, cfg listConfig, stdout, stderr io.Writer) (err error) {
	if cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.timeout)
		defer cancel()
	}
	baseURL := cfg.baseURL
	if cfg.demo {
		srv := startDemo()
		defer srv.Close()
		baseURL = srv.URL
	}
	opts := []agentapi.Option{
		agentapi.WithUserAgent("agentapi-cli/" + version()),
		agentapi.WithMaxRetries(cfg.retries),
	}
	if cfg.token != "" {
		opts = append(opts, agentapi.WithToken(cfg.token))
	}
	client, err := agentapi.NewClient(baseURL, opts...)
	if err != nil {
		return &usageError{err: redact(err, cfg.token), usage: listUsage}
	}
	defer client.CloseIdleConnections()

	bw := bufio.NewWriterSize(stdout, 64<<10)
	out := newTaskWriter(cfg.format, bw)
	prog := (*progress)(nil)
	if cfg.all {
		prog = newProgress(stderr)
	}
	err = listTasks(ctx, cfg, client, out, prog)
	prog.clear()
	if endErr := out.End(err == nil); err == nil {
		err = endErr
	}
	if flushErr := bw.Flush(); err == nil {
		err = flushErr
	}
	if err != nil {
		return listError(ctx, cfg, err)
	}
	return nil
}

// listTasks fetches the tasks, one page or, with cfg.all, every page, and
// writes those that pass the status filter, up to cfg.max of them.
func listTasks(ctx context.Context, cfg listConfig, client *agentapi.Client, out taskWriter, prog *progress) error {
	opts := &agentapi.ListSubsetTasksOptions{
		Page: cfg.page, PerPage: cfg.perPage, Name: cfg.name, SubUserID: cfg.subUser,
	}
	written := 0
	// emit writes t if it passes the filter and reports whether --max is reached.
	emit := func(t *agentapi.Task) (bool, error) {
		if cfg.statuses != nil && !cfg.statuses[t.Status()] {
			return false, nil
		}
		if err := out.Write(t); err != nil {
			return true, err
		}
		written++
		return cfg.max > 0 && written >= cfg.max, nil
	}

	if !cfg.all {
		page, err := client.ListSubsetTasks(ctx, cfg.user, opts)
		if err != nil {
			return err
		}
		for i := range page.Items {
			if done, err := emit(&page.Items[i]); done || err != nil {
				return err
			}
		}
		return nil
	}

	popts := []agentapi.PagerOption{agentapi.WithConcurrency(cfg.concurrency)}
	if cfg.max > 0 && cfg.statuses == nil {
		// Without a filter --max counts what the pager yields, so the pager
		// can skip the pages that cannot be needed.
		popts = append(popts, agentapi.WithMaxItems(cfg.max))
	}
	// Pages rather than All, for the page numbers the progress shows; a task
	// that page drift brings twice is written once, as All would.
	seen := make(map[string]struct{})
	for page, err := range client.SubsetTasks(cfg.user, opts, popts...).Pages(ctx) {
		if err != nil {
			return err
		}
		for i := range page.Items {
			t := &page.Items[i]
			if _, dup := seen[t.UUID]; dup {
				continue
			}
			seen[t.UUID] = struct{}{}
			if done, err := emit(t); done || err != nil {
				return err
			}
		}
		prog.update(page.Meta.CurrentPage, page.Meta.LastPage, len(seen), written, cfg.statuses != nil)
	}
	return nil
}

// listError returns err as the command reports it: a timeout says so, and
// the token never appears, even when a server echoes it back.
func listError(ctx context.Context, cfg listConfig, err error) error {
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return err
	case errors.Is(err, agentapi.ErrInvalidArgument):
		return &usageError{err: redact(err, cfg.token), usage: listUsage}
	case errors.Is(ctx.Err(), context.DeadlineExceeded) && cfg.timeout > 0:
		err = fmt.Errorf("agentapi: --timeout %s reached: %w", cfg.timeout, err)
	case errors.Is(ctx.Err(), context.Canceled):
		err = fmt.Errorf("agentapi: interrupted: %w", err)
	}
	return redact(err, cfg.token)
}

// redact returns err with every occurrence of token in its message
// replaced; err itself when the message does not hold the token.
func redact(err error, token string) error {
	if token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "[token]"))
}
