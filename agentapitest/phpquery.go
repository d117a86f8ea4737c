package agentapitest

import (
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// query is a validated request for one page.
type query struct {
	page    int
	limit   int     // the SQL LIMIT: PHP's (int) of per_page
	size    float64 // per_page as PHP's arithmetic sees it: offsets and last_page
	echo    string  // per_page as sent, trimmed, echoed as a JSON string; "" when defaulted
	name    string  // a LIKE pattern, without the surrounding %; "" for all
	subUser string  // owner id; "" for all
}

// defaultPerPage is Eloquent's default page size, sent as an integer.
const defaultPerPage = 15

// param is one query parameter as PHP's parse_str leaves it: the last
// occurrence of its key wins, and a key written name[...] makes an array.
type param struct {
	value   string
	isArray bool
	set     bool
}

// phpNumeric matches a PHP numeric string once trimmed: what arithmetic
// accepts without a warning.
var phpNumeric = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// phpIntText matches what FILTER_VALIDATE_INT accepts: no leading zero.
var phpIntText = regexp.MustCompile(`^[+-]?(0|[1-9][0-9]*)$`)

// parseParams reads the parameters the list uses from a raw query, as PHP
// and Laravel's TrimStrings and ConvertEmptyStringsToNull leave them.
func parseParams(raw string) map[string]param {
	out := make(map[string]param, 4)
	for _, pair := range strings.Split(raw, "&") {
		k, v, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			continue // PHP ignores what it cannot parse
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			continue
		}
		p := param{value: trimPHP(val), set: true}
		if i := strings.IndexByte(key, '['); i > 0 && strings.HasSuffix(key, "]") {
			key, p.isArray = key[:i], true
		}
		out[key] = p
	}
	return out
}

// trimPHP trims as PHP's trim() does.
func trimPHP(s string) string { return strings.Trim(s, " \t\n\r\x00\x0b") }

// parseQuery reads the page request from a raw query as the Laravel
// controller would. It returns the validation errors (HTTP 422), if any,
// and reports false when the query would fail with a 500 (see ServeHTTP).
func parseQuery(raw string) (query, []fieldError, bool) {
	ps := parseParams(raw)
	var errs []fieldError
	for _, rule := range []struct {
		field, label string
		max          int
	}{{"name", "name", 255}, {"sub_user_id", "sub user id", 64}} {
		p := ps[rule.field]
		switch {
		case p.isArray:
			errs = append(errs, fieldError{rule.field, "The " + rule.label + " must be a string."})
		case utf8.RuneCountInString(p.value) > rule.max:
			errs = append(errs, fieldError{rule.field,
				"The " + rule.label + " must not be greater than " + strconv.Itoa(rule.max) + " characters."})
		}
	}
	q := query{page: 1, limit: defaultPerPage, size: defaultPerPage, name: ps["name"].value, subUser: ps["sub_user_id"].value}
	if p := ps["page"]; !p.isArray && phpIntText.MatchString(p.value) {
		if n, err := strconv.ParseInt(p.value, 10, 64); err == nil && n >= 1 && n <= math.MaxInt {
			q.page = int(n)
		}
	}
	pp := ps["per_page"]
	switch {
	case pp.isArray:
		return q, errs, false // an array in arithmetic: a TypeError
	case pp.value == "" || pp.value == "0": // PHP-falsy: Eloquent's default
		return q, errs, true
	case !phpNumeric.MatchString(pp.value):
		return q, errs, false // "A non-numeric value encountered"
	}
	size, _ := strconv.ParseFloat(pp.value, 64)
	if size <= 0 || math.IsInf(size, 0) {
		return q, errs, false // a division by zero, or an OFFSET without LIMIT in SQL
	}
	q.size, q.echo = size, pp.value
	q.limit = math.MaxInt // PHP's (int) of a numeric string saturates
	if size < math.MaxInt64 {
		q.limit = int(size)
	}
	return q, errs, true
}

// offset returns the list position of q's first task: PHP's (int) of
// (page-1)*per_page, at least 0 (Builder::offset).
func offset(q query) int {
	return int(max(phpInt(float64(q.page-1)*q.size), 0))
}

// phpInt is PHP's (int) of a float on 64-bit platforms: out of range, it
// wraps modulo 2^64 (so a huge offset can come back as 0).
func phpInt(f float64) int64 {
	const two64 = 1 << 64
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0
	case f >= math.MinInt64 && f < math.MaxInt64:
		return int64(f)
	}
	m := math.Mod(f, two64)
	if m < 0 {
		m += two64
	}
	if m >= 1<<63 {
		m -= two64
	}
	return int64(m)
}

// window returns the list positions [from, to) of q's page in a list of
// total tasks; from == to past the end.
func window(total int, q query) (from, to int) {
	from = min(offset(q), total)
	return from, from + min(q.limit, total-from)
}

// lastPage is LengthAwarePaginator's: max(ceil(total / per_page), 1).
func lastPage(total int, q query) int {
	return max(int(math.Ceil(float64(total)/q.size)), 1)
}

// likeMatcher returns a test of whether a name matches the SQL pattern
// %pattern% as SQLite's LIKE does: "%" any run, "_" any one character,
// ASCII letters of either case alike, no escape character.
func likeMatcher(pattern string) func(string) bool {
	p := asciiLower(pattern)
	if !strings.ContainsAny(p, "%_") {
		return func(s string) bool { return strings.Contains(asciiLower(s), p) }
	}
	pr := []rune("%" + p + "%")
	return func(s string) bool { return likeRunes([]rune(asciiLower(s)), pr) }
}

// likeRunes matches s against p with the LIKE wildcards, in O(len(s)·len(p)).
func likeRunes(s, p []rune) bool {
	prev := make([]bool, len(s)+1)
	cur := make([]bool, len(s)+1)
	prev[0] = true
	for _, c := range p {
		cur[0] = prev[0] && c == '%'
		for i := 1; i <= len(s); i++ {
			switch c {
			case '%':
				cur[i] = prev[i] || cur[i-1]
			case '_':
				cur[i] = prev[i-1]
			default:
				cur[i] = prev[i-1] && s[i-1] == c
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(s)]
}

// asciiLower lowers the ASCII letters of s only, as SQLite's LIKE folds.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
