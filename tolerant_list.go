package agentapi

import (
	"slices"
	"strconv"
)

// maxGuess bounds the capacity readList guesses for a list.
const maxGuess = 1000

// object begins an object field. It consumes '{' and reports false, or
// consumes a whole {}, [] (PHP's empty array) or null and reports true.
// A non-empty list or a scalar is an error.
func (d *decoder) object() (empty bool, err error) {
	switch d.peek() {
	case '{':
		d.pos++
		if d.peek() == '}' {
			d.pos++
			return true, nil
		}
		return false, nil
	case '[':
		d.pos++
		if d.peek() == ']' {
			d.pos++
			return true, nil
		}
		return true, errorf("a non-empty list is not an object")
	case 'n':
		return true, d.literal("null")
	default:
		return true, d.kindError("an object")
	}
}

// readList reads a list field: a JSON array; null as nil; [] as an empty
// slice; an object with numeric keys (PHP's array after array_filter) as
// its values in key order. elem reads one element. With scratch, elements
// are read into *scratch and copied into a slice of the exact length; with
// nil, the result grows by append.
func readList[T any](d *decoder, scratch *[]T, elem func(*decoder, *T) error) ([]T, error) {
	switch d.peek() {
	case 'n':
		return nil, d.literal("null")
	case '{':
		return readPHPList(d, elem)
	case '[':
	default:
		return nil, d.kindError("a list")
	}
	d.pos++
	if d.peek() == ']' {
		d.pos++
		return []T{}, nil
	}
	var buf []T
	if scratch != nil {
		buf = (*scratch)[:0]
	}
	start := d.pos
	for i := 0; ; i++ {
		var zero T
		buf = append(buf, zero)
		err := elem(d, &buf[i])
		if i == 0 && scratch == nil && err == nil && !d.guessed {
			// Without scratch (the tasks of a page), size the result from
			// the first element and the bytes left, instead of doubling
			// ~1 KB elements up from one. Bounded, and once per body: the
			// guess may be wrong, and a body may repeat "data".
			d.guessed = true
			n := (len(d.data) - start) / (d.pos - start + 1)
			buf = slices.Grow(buf, min(n, maxGuess))
		}
		more := false
		if err == nil {
			more, err = d.next(']')
		}
		if err != nil {
			return nil, wrapIndex(err, i)
		}
		if !more {
			break
		}
	}
	if scratch == nil {
		return buf, nil
	}
	*scratch = buf
	return append(make([]T, 0, len(buf)), buf...), nil
}

// readPHPList reads a list sent as an object with numeric keys; pos is at
// its '{'. A later duplicate key wins.
func readPHPList[T any](d *decoder, elem func(*decoder, *T) error) ([]T, error) {
	d.pos++
	if d.peek() == '}' {
		d.pos++
		return []T{}, nil
	}
	type entry struct {
		key int
		val T
	}
	var entries []entry
	for {
		k, err := d.key()
		if err != nil {
			return nil, err
		}
		n, err := strconv.Atoi(k)
		if err != nil || k[0] == '+' {
			return nil, errorf("key %s is not a list index", quote(k))
		}
		entries = append(entries, entry{key: n})
		if err := elem(d, &entries[len(entries)-1].val); err != nil {
			return nil, wrapIndex(err, n)
		}
		more, err := d.next('}')
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return a.key - b.key })
	out := make([]T, 0, len(entries))
	for i, e := range entries {
		if i+1 < len(entries) && entries[i+1].key == e.key {
			continue
		}
		out = append(out, e.val)
	}
	return out, nil
}
