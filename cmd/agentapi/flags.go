package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// flagSet is one command's flags: the standard library's parser, with
// values whose refusals name the flag and the form it expects
// ("--timeout 1: want a duration such as 30s or 2m"), never the bare
// "parse error" of package flag.
type flagSet struct {
	fs  *flag.FlagSet
	bad *flagError // the first value a Set refused
}

// flagError is a flag value refused while parsing.
type flagError struct {
	name, value, want string
	secret            bool // the value is not repeated in the message
	why               bool // want is a reason, not the expected form
}

// reason is a refusal that says more than the expected form: a value's
// parser returns one to have it shown instead of want.
type reason string

func (r reason) Error() string { return string(r) }

func (e *flagError) Error() string {
	if e.why {
		return fmt.Sprintf("--%s: %s", e.name, e.want)
	}
	if e.secret {
		return fmt.Sprintf("--%s: want %s", e.name, e.want)
	}
	return fmt.Sprintf("--%s %q: want %s", e.name, e.value, e.want)
}

// value is a flag.Value that parses through set and records its refusal.
type value struct {
	f      *flagSet
	name   string
	want   string // the expected form, for errors: "a duration such as 30s"
	set    func(string) error
	show   func() string
	isBool bool
	secret bool
}

func (v *value) Set(s string) error {
	if err := v.set(s); err != nil {
		if v.f.bad == nil {
			fe := &flagError{name: v.name, value: s, want: v.want, secret: v.secret}
			if r, ok := err.(reason); ok {
				fe.want, fe.why = string(r), true
			}
			v.f.bad = fe
		}
		return err
	}
	return nil
}

func (v *value) String() string {
	if v == nil || v.show == nil {
		return ""
	}
	return v.show()
}

// IsBoolFlag lets package flag accept "--all" without a value.
func (v *value) IsBoolFlag() bool { return v.isBool }

// newFlags returns an empty flag set for the command name; it prints
// nothing itself.
func newFlags(name string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{fs: fs}
}

// define adds the flag name parsed by set, described by want in errors.
func (f *flagSet) define(name, want string, set func(string) error, show func() string) *value {
	v := &value{f: f, name: name, want: want, set: set, show: show}
	f.fs.Var(v, name, want)
	return v
}

// anyValue is the expected form of a string flag: anything.
const anyValue = "a value"

// String defines a string flag.
func (f *flagSet) String(p *string, name, def string) {
	*p = def
	f.define(name, anyValue, func(s string) error { *p = s; return nil }, func() string { return *p })
}

// Bool defines a flag that is true when given ("--all", "--all=false").
func (f *flagSet) Bool(p *bool, name string) {
	v := f.define(name, "true or false", func(s string) error {
		b, err := strconv.ParseBool(s)
		*p = b
		return err
	}, func() string { return strconv.FormatBool(*p) })
	v.isBool = true
}

// Int defines an integer flag.
func (f *flagSet) Int(p *int, name string, def int) {
	*p = def
	f.define(name, "a whole number such as 50", func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		*p = n
		return err
	}, func() string { return strconv.Itoa(*p) })
}

// Duration defines a duration flag ("30s", "2m", "1h30m").
func (f *flagSet) Duration(p *time.Duration, name string, def time.Duration) {
	*p = def
	f.define(name, "a duration such as 30s or 2m", func(s string) error {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		*p = d
		return err
	}, func() string { return p.String() })
}

// List defines a repeatable flag; each use appends its value. secret
// values (headers may carry keys) are never repeated in an error.
func (f *flagSet) List(p *[]string, name, want string, check func(string) error, secret bool) {
	v := f.define(name, want, func(s string) error {
		if err := check(s); err != nil {
			return err
		}
		*p = append(*p, s)
		return nil
	}, func() string { return strings.Join(*p, ",") })
	v.secret = secret
}

// Func defines a flag parsed by set, whose expected form is want.
func (f *flagSet) Func(name, want string, set func(string) error) {
	f.define(name, want, set, nil)
}

// isSet reports whether the flag name was given on the command line.
func (f *flagSet) isSet(name string) bool {
	set := false
	f.fs.Visit(func(fl *flag.Flag) { set = set || fl.Name == name })
	return set
}

// parse parses args, which may mix flags and positional arguments
// ("tasks get ID --format json"); everything after "--" is positional. It
// returns the positional arguments, flag.ErrHelp for -h or --help, or an
// error that names the flag and what it expects.
func (f *flagSet) parse(args []string) ([]string, error) {
	var pos []string
	rest := args
	for {
		if err := f.fs.Parse(rest); err != nil {
			return nil, f.explain(err)
		}
		left := f.fs.Args()
		if len(left) == 0 {
			return pos, nil
		}
		if used := len(rest) - len(left); used > 0 && rest[used-1] == "--" {
			return append(pos, left...), nil
		}
		pos = append(pos, left[0])
		rest = left[1:]
	}
}

// explain turns one of package flag's errors into the tool's wording.
func (f *flagSet) explain(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	if f.bad != nil {
		return f.bad
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown flag --%s", strings.TrimLeft(name, "-"))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		name = strings.TrimLeft(name, "-")
		if fl := f.fs.Lookup(name); fl != nil && fl.Usage != anyValue {
			return fmt.Errorf("--%s needs a value: %s", name, fl.Usage)
		}
		return fmt.Errorf("--%s needs a value", name)
	}
	return errors.New(msg)
}
