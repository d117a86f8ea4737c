package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// cmdIO is what a command reads and writes besides its flags: the
// process's streams and environment, replaced by tests.
type cmdIO struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	ttyIn, ttyErr  bool // stdin, stderr are terminals: prompts and progress
}

// action runs a command once its flags are parsed; args are its positional
// arguments, already counted.
type action func(ctx context.Context, cio *cmdIO, args []string) error

// command is one entry of the command table. A new command is an entry:
// its words, its help and a setup that defines its flags (the shared
// groups are addAPIFlags and addOutputFlags) and returns what runs it.
// Parsing, -h/--help, positional-argument counts and usage errors are the
// table's, done once for every command by dispatch.
type command struct {
	name    string   // the words after "agentapi": "tasks list"
	args    []string // positional arguments, as the help names them: "TASK_ID"
	summary string   // one line, for the main help
	usage   string   // the command's whole help, printed by --help
	setup   func(fs *flagSet) action
}

// commands returns the command table.
func commands() []command {
	return []command{
		{name: "tasks list", summary: "list the tasks of a user and all its sub-accounts", usage: listUsage, setup: setupList},
		{name: "tasks get", args: []string{"TASK_ID"}, summary: "print one 2.0 task's settings", usage: getUsage, setup: setupGet},
		{name: "tasks setup", summary: "print the dial-time groups and caller lines a new task can use", usage: setupUsage, setup: setupSetup},
		{name: "tasks create", summary: "create a 2.0 task from JSON (--file or stdin)", usage: createUsage, setup: setupCreate},
		{name: "tasks update", args: []string{"TASK_ID"}, summary: "replace a 2.0 task's settings from JSON", usage: updateUsage, setup: setupUpdate},
		{name: "tasks pause", args: []string{"TASK_ID"}, summary: "pause a 2.0 task", usage: pauseUsage, setup: setupPause},
		{name: "tasks copy", args: []string{"TASK_ID"}, summary: "copy a 2.0 task (the copy is paused)", usage: copyUsage, setup: setupCopy},
		{name: "tasks delete", args: []string{"TASK_ID"}, summary: "delete a task (asks first; --yes off a terminal)", usage: deleteUsage, setup: setupDelete},
		{name: "dial-times list", summary: "list the dial-time groups", usage: dialTimesUsage, setup: setupDialTimes},
		{name: "dial-times create", summary: "create a dial-time group from JSON", usage: dialTimeCreateUsage, setup: setupDialTimeCreate},
		{name: "dial-times update", args: []string{"GROUP_ID"}, summary: "replace a dial-time group from JSON", usage: dialTimeUpdateUsage, setup: setupDialTimeUpdate},
		{name: "fake serve", summary: "run a fake of the API until interrupted", usage: serveUsage, setup: setupServe},
		{name: "version", summary: "print the version", usage: versionUsage, setup: setupVersion},
	}
}

// dispatch finds the command args name, parses its flags and runs it.
func dispatch(ctx context.Context, args []string, cio *cmdIO) error {
	table := commands()
	if len(args) == 0 {
		return usagef("", "missing command")
	}
	switch args[0] {
	case "-h", "-help", "--help":
		return writeString(cio.stdout, mainUsage(table))
	case "help":
		return help(table, args[1:], cio.stdout)
	case "--version", "-version":
		args = []string{"version"}
	}
	cmd, rest := lookup(table, args)
	if cmd == nil {
		return unknown(table, args, cio.stdout)
	}
	fs := newFlags(cmd.name)
	act := cmd.setup(fs)
	pos, err := fs.parse(rest)
	if errors.Is(err, flag.ErrHelp) {
		return writeString(cio.stdout, cmd.usage)
	}
	if err != nil {
		return &usageError{err: fmt.Errorf("agentapi: %s: %w", cmd.name, err), cmd: cmd.name}
	}
	if len(pos) != len(cmd.args) {
		if len(pos) > len(cmd.args) {
			return usagef(cmd.name, "%s: unexpected argument %q", cmd.name, pos[len(cmd.args)])
		}
		return usagef(cmd.name, "%s: missing %s", cmd.name, strings.Join(cmd.args[len(pos):], " "))
	}
	return act(ctx, cio, pos)
}

// lookup returns the command whose words start args, and the arguments
// after them; nil when there is none.
func lookup(table []command, args []string) (*command, []string) {
	for i := range table {
		words := strings.Fields(table[i].name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == table[i].name {
			return &table[i], args[len(words):]
		}
	}
	return nil, nil
}

// group returns the commands under the first word group ("tasks").
func group(table []command, word string) []command {
	var in []command
	for _, c := range table {
		if first, _, _ := strings.Cut(c.name, " "); first == word && c.name != word {
			in = append(in, c)
		}
	}
	return in
}

// unknown answers args that name no command: the help of a group for
// "tasks --help", a usage error otherwise.
func unknown(table []command, args []string, stdout io.Writer) error {
	in := group(table, args[0])
	if len(in) == 0 {
		return usagef("", "unknown command %q", args[0])
	}
	var names []string
	for _, c := range in {
		names = append(names, strings.TrimPrefix(c.name, args[0]+" "))
	}
	want := strings.Join(names, ", ")
	switch {
	case len(args) == 1:
		return usagef(args[0], "%s: missing command (want one of: %s)", args[0], want)
	case args[1] == "-h" || args[1] == "--help" || args[1] == "-help":
		return writeString(stdout, groupUsage(args[0], in))
	}
	return usagef(args[0], "%s: unknown command %q (want one of: %s)", args[0], args[1], want)
}

// help prints the help of the command or group named by words, or the
// main help.
func help(table []command, words []string, stdout io.Writer) error {
	if len(words) == 0 {
		return writeString(stdout, mainUsage(table))
	}
	if cmd, rest := lookup(table, words); cmd != nil && len(rest) == 0 {
		return writeString(stdout, cmd.usage)
	}
	if in := group(table, words[0]); len(in) > 0 && len(words) == 1 {
		return writeString(stdout, groupUsage(words[0], in))
	}
	return usagef("", "help: no command %q", strings.Join(words, " "))
}

// mainUsage is the help of the whole tool, listing the table.
func mainUsage(table []command) string {
	var b strings.Builder
	b.WriteString(mainIntro)
	for _, c := range table {
		fmt.Fprintf(&b, "  agentapi %-34s %s\n", synopsis(c), c.summary)
	}
	fmt.Fprintf(&b, "  agentapi %-34s %s\n", "help [COMMAND]", "this help, or a command's")
	b.WriteString(mainOutro)
	return b.String()
}

// synopsis returns the words, arguments and [flags] of c, as help shows
// them.
func synopsis(c command) string {
	s := strings.Join(append([]string{c.name}, c.args...), " ")
	fs := newFlags(c.name)
	c.setup(fs)
	n := 0
	fs.fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		s += " [flags]"
	}
	return s
}

// groupUsage is the help of "tasks" or "fake": its commands.
func groupUsage(word string, in []command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: agentapi %s COMMAND [flags]\n\nCommands:\n", word)
	for _, c := range in {
		fmt.Fprintf(&b, "  agentapi %-34s %s\n", synopsis(c), c.summary)
	}
	fmt.Fprintf(&b, "\nRun 'agentapi %s COMMAND --help' for a command's flags.\n", word)
	return b.String()
}

// setupVersion is "version": the SDK's Version.
func setupVersion(*flagSet) action {
	return func(_ context.Context, cio *cmdIO, _ []string) error {
		return writeString(cio.stdout, versionLine())
	}
}

// writeString writes s to w.
func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}
