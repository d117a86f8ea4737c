package main

import (
	"context"
	"strconv"

	"github.com/f703e656/agentapi"
)

// maxGroupPages bounds dial-times list --all: a user has a handful of
// groups, and a server whose last_page never ends must not loop forever.
const maxGroupPages = 1000

// setupDialTimes is "dial-times list": one page of the dial-time groups,
// or every page with --all.
func setupDialTimes(fs *flagSet) action {
	const cmd = "dial-times list"
	cf := addCallFlags(fs, true)
	var page int
	var all bool
	fs.Int(&page, "page", 0)
	fs.Bool(&all, "all")
	return func(ctx context.Context, cio *cmdIO, _ []string) error {
		c, err := cf.resolve(cmd, cio)
		if err != nil {
			return err
		}
		if page < 0 {
			return usagef(cmd, "%s: --page %d is negative", cmd, page)
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			opts := &agentapi.ListDialTimeGroupsOptions{Page: page, SubUserID: c.subUser}
			var groups []agentapi.DialTimeGroup
			for n := 0; n < maxGroupPages; n++ {
				pg, err := client.ListDialTimeGroups(ctx, c.api.user, opts)
				if err != nil {
					return err
				}
				groups = append(groups, pg.Items...)
				cur := max(pg.Meta.CurrentPage, opts.Page, 1)
				if !all || cur >= pg.Meta.LastPage || len(pg.Items) == 0 {
					break
				}
				opts.Page = cur + 1
			}
			return p.groups(groups)
		})
	}
}

// setupDialTimeCreate is "dial-times create": a group from JSON.
func setupDialTimeCreate(fs *flagSet) action {
	return setupGroupWrite(fs, "dial-times create", func(ctx context.Context, c *agentapi.Client, user string, _ int, in *agentapi.DialTimeGroupInput) (*agentapi.DialTimeGroup, error) {
		return c.CreateDialTimeGroup(ctx, user, in)
	})
}

// setupDialTimeUpdate is "dial-times update GROUP_ID": a group from JSON.
func setupDialTimeUpdate(fs *flagSet) action {
	return setupGroupWrite(fs, "dial-times update", func(ctx context.Context, c *agentapi.Client, user string, id int, in *agentapi.DialTimeGroupInput) (*agentapi.DialTimeGroup, error) {
		return c.UpdateDialTimeGroup(ctx, user, id, in)
	})
}

// setupGroupWrite is create or update of a dial-time group: the input is
// read and decoded (unknown keys refused) before anything is sent;
// --sub-user sets its sub_user_id.
func setupGroupWrite(fs *flagSet, cmd string, write func(context.Context, *agentapi.Client, string, int, *agentapi.DialTimeGroupInput) (*agentapi.DialTimeGroup, error)) action {
	cf := addCallFlags(fs, true)
	inf := addInputFlags(fs)
	return func(ctx context.Context, cio *cmdIO, args []string) error {
		c, err := cf.resolve(cmd, cio)
		if err != nil {
			return err
		}
		id := 0
		if len(args) > 0 {
			if id, err = strconv.Atoi(args[0]); err != nil || id < 1 {
				return usagef(cmd, "%s: GROUP_ID %q: want a positive whole number", cmd, args[0])
			}
		}
		b, where, err := inf.read(cmd, cio)
		if err != nil {
			return err
		}
		in := new(agentapi.DialTimeGroupInput)
		if err := decodeStrict(b, in); err != nil {
			return inputError(cmd, where, "a dial-time group (DialTimeGroupInput JSON)", err)
		}
		if c.subUser != "" {
			in.SubUserID = c.subUser
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			g, err := write(ctx, client, c.api.user, id, in)
			if err != nil {
				return err
			}
			return p.groups([]agentapi.DialTimeGroup{*g})
		})
	}
}
