package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/f703e656/agentapi"
)

// setupGet is "tasks get TASK_ID": one task's settings.
func setupGet(fs *flagSet) action {
	cf := addCallFlags(fs, true)
	return func(ctx context.Context, cio *cmdIO, args []string) error {
		c, err := cf.resolve("tasks get", cio)
		if err != nil {
			return err
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			t, err := client.GetTask(ctx, c.api.user, args[0], c.taskOptions())
			if err != nil {
				return err
			}
			fillUUID(t, args[0])
			return p.task(t)
		})
	}
}

// fillUUID gives t, a task's settings view, the uuid id when the API sent
// none (the settings view has no uuid): in UUID for the table and csv, and
// as a "uuid" key in Raw for json and jsonl, added last so that it wins
// over an empty "uuid" the API may have sent.
func fillUUID(t *agentapi.Task, id string) {
	if t.UUID != "" {
		return
	}
	t.UUID = id
	var buf bytes.Buffer
	if json.Compact(&buf, t.Raw) == nil && isObject(buf.Bytes()) {
		t.Raw = withKey(buf.Bytes(), "uuid", id)
	}
}

// setupCreate is "tasks create": a task from JSON.
func setupCreate(fs *flagSet) action {
	return setupWrite(fs, "tasks create", func(ctx context.Context, c *agentapi.Client, user string, _ []string, in *agentapi.TaskInput) (*agentapi.Task, error) {
		return c.CreateTask(ctx, user, in)
	})
}

// setupUpdate is "tasks update TASK_ID": a task's settings from JSON.
func setupUpdate(fs *flagSet) action {
	return setupWrite(fs, "tasks update", func(ctx context.Context, c *agentapi.Client, user string, args []string, in *agentapi.TaskInput) (*agentapi.Task, error) {
		return c.UpdateTask(ctx, user, args[0], in)
	})
}

// setupWrite is create or update: the TaskInput is read and decoded before
// anything is sent; --sub-user sets its sub_user_id.
func setupWrite(fs *flagSet, cmd string, write func(context.Context, *agentapi.Client, string, []string, *agentapi.TaskInput) (*agentapi.Task, error)) action {
	cf := addCallFlags(fs, true)
	inf := addInputFlags(fs)
	return func(ctx context.Context, cio *cmdIO, args []string) error {
		c, err := cf.resolve(cmd, cio)
		if err != nil {
			return err
		}
		b, where, err := inf.read(cmd, cio)
		if err != nil {
			return err
		}
		in, err := readTaskInput(b)
		if err != nil {
			return inputError(cmd, where, "a task (TaskInput JSON)", err)
		}
		if c.subUser != "" {
			in.SubUserID = c.subUser
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			t, err := write(ctx, client, c.api.user, args, in)
			if err != nil {
				return err
			}
			return p.task(t)
		})
	}
}

// setupPause is "tasks pause TASK_ID".
func setupPause(fs *flagSet) action {
	cf := addCallFlags(fs, false)
	return func(ctx context.Context, cio *cmdIO, args []string) error {
		c, err := cf.resolve("tasks pause", cio)
		if err != nil {
			return err
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			if err := client.PauseTask(ctx, c.api.user, args[0], c.taskOptions()); err != nil {
				return err
			}
			_, err := fmt.Fprintf(p.w, "paused %s\n", args[0])
			return err
		})
	}
}

// setupCopy is "tasks copy TASK_ID": the copy prints as a task.
func setupCopy(fs *flagSet) action {
	cf := addCallFlags(fs, true)
	return func(ctx context.Context, cio *cmdIO, args []string) error {
		c, err := cf.resolve("tasks copy", cio)
		if err != nil {
			return err
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			t, err := client.CopyTask(ctx, c.api.user, args[0], c.taskOptions())
			if err != nil {
				return err
			}
			return p.task(t)
		})
	}
}

// setupDelete is "tasks delete TASK_ID": asked on a terminal, --yes
// otherwise; without either nothing is sent.
func setupDelete(fs *flagSet) action {
	const cmd = "tasks delete"
	cf := addCallFlags(fs, false)
	var yes bool
	fs.Bool(&yes, "yes")
	return func(ctx context.Context, cio *cmdIO, args []string) error {
		c, err := cf.resolve(cmd, cio)
		if err != nil {
			return err
		}
		if !yes {
			if !cio.ttyIn || !cio.ttyErr {
				return usagef(cmd, "%s: not a terminal, so not asking: add --yes to delete %s", cmd, args[0])
			}
			if !confirm(cio, fmt.Sprintf("Delete task %s of user %s? It cannot be undone.", args[0], c.api.user)) {
				return fmt.Errorf("agentapi: %s: not confirmed: nothing deleted", cmd)
			}
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			if err := client.DeleteTask(ctx, c.api.user, args[0], c.taskOptions()); err != nil {
				return err
			}
			_, err := fmt.Fprintf(p.w, "deleted %s\n", args[0])
			return err
		})
	}
}

// setupSetup is "tasks setup": what a new task can use.
func setupSetup(fs *flagSet) action {
	cf := addCallFlags(fs, true)
	return func(ctx context.Context, cio *cmdIO, _ []string) error {
		c, err := cf.resolve("tasks setup", cio)
		if err != nil {
			return err
		}
		return c.run(ctx, cio, func(ctx context.Context, client *agentapi.Client, p printer) error {
			s, err := client.GetTaskSetup(ctx, c.api.user, c.taskOptions())
			if err != nil {
				return err
			}
			return p.setup(s)
		})
	}
}
