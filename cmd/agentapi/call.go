package main

import (
	"context"
	"io"

	"github.com/f703e656/agentapi"
)

// callFlags are the flags of a command that makes one call: the
// connection, the output (for commands that print data) and --sub-user.
type callFlags struct {
	fs      *flagSet
	api     *apiFlags
	out     *outputFlags // nil: the command prints no data
	subUser string
}

// addCallFlags defines the flags of a one-call command on fs; output adds
// the output flags.
func addCallFlags(fs *flagSet, output bool) *callFlags {
	cf := &callFlags{fs: fs, api: addAPIFlags(fs)}
	if output {
		cf.out = addOutputFlags(fs)
	}
	fs.String(&cf.subUser, "sub-user", "")
	return cf
}

// callConfig is the validated configuration of a one-call command.
type callConfig struct {
	cmd     string
	api     apiConfig
	out     outputConfig
	subUser string
}

// resolve validates the flags of cmd against the environment; every
// refusal is a usageError.
func (cf *callFlags) resolve(cmd string, cio *cmdIO) (callConfig, error) {
	c := callConfig{cmd: cmd, subUser: cf.subUser, out: outputConfig{format: formatTable}}
	if cf.fs.isSet("sub-user") && c.subUser == "" {
		return c, usagef(cmd, "%s: --sub-user needs an id", cmd)
	}
	var err error
	if cf.out != nil {
		if c.out, err = cf.out.resolve(cmd); err != nil {
			return c, err
		}
	}
	c.api, err = cf.api.resolve(cmd, cio)
	return c, err
}

// taskOptions returns the TaskOptions of --sub-user, nil without it.
func (c callConfig) taskOptions() *agentapi.TaskOptions {
	if c.subUser == "" {
		return nil
	}
	return &agentapi.TaskOptions{SubUserID: c.subUser}
}

// printer is where and how a command prints what the API answered.
type printer struct {
	out outputConfig
	w   io.Writer
}

// records returns a record writer of the command's format with the
// columns head.
func (p printer) records(head []string) recordWriter {
	return newRecordWriter(p.out.format, p.w, p.out.csvRaw, head)
}

// task prints t as the one row or object of a listing.
func (p printer) task(t *agentapi.Task) error {
	w := newTaskWriter(p.out.format, p.w, p.out.csvRaw)
	if err := w.Write(t); err != nil {
		return err
	}
	return w.End(true)
}

// run connects, makes the call do and prints what it wrote through the
// command's output: stdout, or the --output file, which is replaced only
// when the call succeeded. Failures are reported as failure says.
func (c callConfig) run(ctx context.Context, cio *cmdIO, do func(ctx context.Context, client *agentapi.Client, p printer) error) error {
	prog := cio.progress()
	ctx, client, release, err := c.api.connect(ctx, c.cmd, prog)
	if err != nil {
		return err
	}
	defer release()
	w, finish, err := c.out.open(cio.stdout)
	if err != nil {
		return err
	}
	err = do(ctx, client, printer{out: c.out, w: w})
	prog.clear()
	if finErr := finish(err == nil); err == nil {
		err = finErr
	}
	if err != nil {
		return c.api.failure(ctx, c.cmd, err)
	}
	return nil
}
