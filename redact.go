package agentapi

import (
	"bytes"
	"sort"
	"strings"
)

// redacted replaces a secret in errors, messages, bodies and logs.
const redacted = "[REDACTED]"

// minSecret is the shortest value treated as a secret: a header value of two
// or three bytes ("en", "1") would otherwise blank out ordinary words.
const minSecret = 4

// redactor replaces the client's secrets (the token, WithHeader values, the
// base URL's password) in text that came from outside: a response body, a
// message, a transport error.
type redactor struct {
	secrets []string          // longest first, as sent and as JSON escapes "/"
	r       *strings.Replacer // nil: nothing to hide
}

// newRedactor returns a redactor of secrets.
func newRedactor(secrets []string) *redactor {
	seen := make(map[string]bool)
	var keep []string
	for _, s := range secrets {
		for _, form := range []string{s, strings.ReplaceAll(s, "/", `\/`)} {
			if len(form) >= minSecret && !seen[form] {
				seen[form] = true
				keep = append(keep, form)
			}
		}
	}
	if len(keep) == 0 {
		return &redactor{}
	}
	// Longest first: a secret holding another is replaced whole.
	sort.Slice(keep, func(i, j int) bool { return len(keep[i]) > len(keep[j]) })
	pairs := make([]string, 0, 2*len(keep))
	for _, s := range keep {
		pairs = append(pairs, s, redacted)
	}
	return &redactor{secrets: keep, r: strings.NewReplacer(pairs...)}
}

// string returns s with every secret replaced.
func (r *redactor) string(s string) string {
	if r == nil || r.r == nil {
		return s
	}
	s = r.r.Replace(s)
	if strings.Contains(s, cutMark) {
		s = r.cutSecrets(s)
	}
	return s
}

// cutMark ends a quoted value that a message cut short (the reader quotes at
// most 64 bytes of a value it refuses): a secret cut there is no longer whole.
const cutMark = `"…`

// minCutSecret is the shortest start of a secret hidden where a value was
// cut short: shorter starts are too common to tell from ordinary text.
const minCutSecret = 16

// cutSecrets replaces the start of a secret that ends where a quoted value
// was cut short.
func (r *redactor) cutSecrets(s string) string {
	for _, sec := range r.secrets {
		for k := len(sec) - 1; k >= minCutSecret; k-- {
			if cut := sec[:k] + cutMark; strings.Contains(s, cut) {
				s = strings.ReplaceAll(s, cut, redacted+cutMark)
				break
			}
		}
	}
	return s
}

// bytes returns b with every secret replaced; b itself is not modified.
func (r *redactor) bytes(b []byte) []byte {
	if r == nil || r.r == nil {
		return b
	}
	for _, s := range r.secrets {
		if bytes.Contains(b, []byte(s)) {
			return []byte(r.r.Replace(string(b)))
		}
	}
	return b
}

// error returns err with its text redacted; errors.Is and errors.As still see
// err's chain.
func (r *redactor) error(err error) error {
	if err == nil || r == nil || r.r == nil {
		return err
	}
	text := err.Error()
	if clean := r.string(text); clean != text {
		return redactedError{text: clean, err: err}
	}
	return err
}

// redactedError is an error whose text had a secret replaced.
type redactedError struct {
	text string
	err  error
}

// Error returns the redacted text.
func (e redactedError) Error() string { return e.text }

// Unwrap returns the original error, for errors.Is and errors.As.
func (e redactedError) Unwrap() error { return e.err }
