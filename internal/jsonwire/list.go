package jsonwire

import (
	"cmp"
	"slices"
	"strconv"
)

// maxGuess bounds the capacity List guesses for a list.
const maxGuess = 1000

// List reads a list field: a JSON array; null as nil; [] as an empty slice;
// an object with numeric keys (PHP's array after array_filter) as its values
// in key order. elem reads one element at pos. With scratch, elements are
// read into *scratch and copied into a slice of the exact length, one
// allocation per list; with nil, the result grows by append.
func List[T any](d *Decoder, scratch *[]T, elem func(*T) error) ([]T, error) {
	return list(d, scratch, false, elem)
}

// LongList reads a list as List does without scratch, for a long list of
// large elements (the items of a page): its capacity is guessed, once per
// Decoder, from the first element's size and the bytes left.
func LongList[T any](d *Decoder, elem func(*T) error) ([]T, error) {
	return list(d, nil, true, elem)
}

// list is List, and LongList when guess.
func list[T any](d *Decoder, scratch *[]T, guess bool, elem func(*T) error) ([]T, error) {
	switch d.Peek() {
	case 'n':
		return nil, d.Literal("null")
	case '{':
		return phpList(d, elem)
	case '[':
	default:
		return nil, d.KindError("a list")
	}
	d.pos++
	if d.Peek() == ']' {
		d.pos++
		return []T{}, nil
	}
	var buf []T
	if scratch != nil {
		buf = (*scratch)[:0]
	}
	buf, err := elements(d, buf, guess, elem)
	if err != nil || scratch == nil {
		return buf, err
	}
	*scratch = buf
	return append(make([]T, 0, len(buf)), buf...), nil
}

// AppendList reads a list field as List does, its elements appended to
// slab, a slice the caller carves the lists of one item from (one
// allocation for them all, sized from the last item's): it returns the
// list, capped so that an append cannot write into a neighbour, and slab
// grown. null reads as nil, [] as an empty slice and a PHP list as a slice
// of its own, none of them in slab.
func AppendList[T any](d *Decoder, slab []T, elem func(*T) error) (list, grown []T, err error) {
	switch d.Peek() {
	case 'n':
		return nil, slab, d.Literal("null")
	case '{':
		list, err := phpList(d, elem)
		return list, slab, err
	case '[':
	default:
		return nil, slab, d.KindError("a list")
	}
	d.pos++
	if d.Peek() == ']' {
		d.pos++
		return []T{}, slab, nil
	}
	start := len(slab)
	grown, err = elements(d, slab, false, elem)
	if err != nil {
		return nil, slab, err
	}
	return grown[start:len(grown):len(grown)], grown, nil
}

// elements reads the elements of a list, after its '[' and with at least
// one element, appending them to buf.
func elements[T any](d *Decoder, buf []T, guess bool, elem func(*T) error) ([]T, error) {
	start, first := d.pos, len(buf)
	for i := 0; ; i++ {
		var zero T
		buf = append(buf, zero)
		err := elem(&buf[first+i])
		if i == 0 && guess && err == nil && !d.guessed {
			// Size the result from the first element and the bytes left,
			// instead of doubling ~1 KB elements up from one. Bounded, and
			// once per Decoder: the guess may be wrong, and a body may
			// repeat a key.
			d.guessed = true
			n := (len(d.data) - start) / (d.pos - start + 1)
			buf = slices.Grow(buf, min(n, maxGuess))
		}
		more := false
		if err == nil && d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			more = true
		} else if err == nil {
			more, err = d.next(']')
		}
		if err != nil {
			return nil, WrapIndex(err, i)
		}
		if !more {
			return buf, nil
		}
	}
}

// phpList reads a list sent as an object with numeric keys; pos is at its
// '{'. A later duplicate key wins.
func phpList[T any](d *Decoder, elem func(*T) error) ([]T, error) {
	type entry struct {
		key int
		val T
	}
	var entries []entry
	d.pos++
	if d.Peek() == '}' {
		d.pos++
		return []T{}, nil
	}
	err := d.members(func(k string) error {
		n, err := strconv.Atoi(k)
		if err != nil || k[0] == '+' {
			return Errorf("key %s is not a list index", Quote(k))
		}
		entries = append(entries, entry{key: n})
		return elem(&entries[len(entries)-1].val)
	}, wrapListKey)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return cmp.Compare(a.key, b.key) }) // a.key-b.key would overflow at the extremes
	out := make([]T, 0, len(entries))
	for i, e := range entries {
		if i+1 < len(entries) && entries[i+1].key == e.key {
			continue
		}
		out = append(out, e.val)
	}
	return out, nil
}

// wrapListKey puts the index of a PHP list's element into the error's path;
// an error of the key itself keeps its path.
func wrapListKey(err error, k string) error {
	if n, kerr := strconv.Atoi(k); kerr == nil && k[0] != '+' {
		return WrapIndex(err, n)
	}
	return err
}
