package jsonwire

// The one member loop: every object, a model's or a PHP list's, is read by
// members, so that a model's decoder is its list of fields.

// Members reads the object at pos, '{' included, calling member for each key
// with pos at the member's value. A member that reads nothing (leaves pos
// where it was: an unknown key) has its value skipped. An error of member
// gets the key in its path. A later duplicate key is read again, so its last
// value wins. Anything but an object is an error.
func (d *Decoder) Members(member func(key string) error) error {
	if d.Peek() != '{' {
		return d.KindError("an object")
	}
	d.pos++
	if d.Peek() == '}' {
		d.pos++
		return nil
	}
	return d.members(member, WrapKey)
}

// members reads the members of an object, after its '{'; wrap puts the
// key of a failed member into the error's path.
func (d *Decoder) members(member func(key string) error, wrap func(error, string) error) error {
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		at := d.pos
		err = member(k)
		if err == nil && d.pos == at {
			err = d.Skip()
		}
		if err != nil {
			return wrap(err, k)
		}
		if d.pos < len(d.data) && d.data[d.pos] == ',' { // compact: the common case
			d.pos++
			continue
		}
		if more, err := d.next('}'); err != nil || !more {
			return err
		}
	}
}

// Object reads an object field: {}, [] (PHP's empty array) and null read as
// absent, false, without a call of member; a non-empty object is read as by
// Members and reported true. A non-empty list or a scalar is an error.
func (d *Decoder) Object(member func(key string) error) (bool, error) {
	switch d.Peek() {
	case '{':
		d.pos++
		if d.Peek() == '}' {
			d.pos++
			return false, nil
		}
		return true, d.members(member, WrapKey)
	case '[':
		d.pos++
		if d.Peek() == ']' {
			d.pos++
			return false, nil
		}
		return false, Errorf("a non-empty list is not an object")
	case 'n':
		return false, d.Literal("null")
	default:
		return false, d.KindError("an object")
	}
}

// Own reads the value at pos with read, from a private copy of the value's
// bytes, and returns that copy: the value as received. Strings without
// escapes and raw values read by read alias the copy, so a model that keeps
// them keeps the copy alive, and nothing else: not the input. The copy must
// not be modified. Within an Own, a nested Own makes no second copy and
// returns its value's span of the first.
//
// The copy is made before reading, so its size is guessed: an object or a
// list after a first Own is copied with the size of the last one and a
// little more (the items of a page are alike), rounded up to the
// allocation's size class, and read from that copy; only when the guess
// was short (reading failed before the copy's end, which is not the
// input's) is the value's end found by matching brackets and read again
// from an exact copy. read must therefore be repeatable: set fields, not
// accumulate. The first Own, and any other value, is copied exactly. On
// malformed input the copy holds at least the bytes up to the first error,
// so errors are the same as without Own.
func (d *Decoder) Own(read func() error) ([]byte, error) {
	d.ws()
	start := d.pos
	if d.owned {
		if err := read(); err != nil {
			return nil, err
		}
		return d.data[start:d.pos:d.pos], nil
	}
	if d.lastOwn > 0 && start < len(d.data) && (d.data[start] == '{' || d.data[start] == '[') {
		n := min(d.lastOwn+d.lastOwn/32+16, len(d.data)-start)
		own := append([]byte(nil), d.data[start:start+n]...) // not zeroed first, as make would
		// The allocation's size class may hold more: free bytes to read.
		n = min(cap(own), len(d.data)-start)
		own = append(own, d.data[start+len(own):start+n]...)
		size, err := d.ownRead(own, start, read)
		if err == nil {
			d.lastOwn = size
			return own[:size:size], nil
		}
		if start+len(own) == len(d.data) {
			return nil, err // the copy held the whole rest: a real error
		}
		d.pos = start
	}
	end := d.valueEnd()
	own := append([]byte(nil), d.data[start:end]...)
	size, err := d.ownRead(own, start, read)
	if err == nil && size != len(own) {
		err = Errorf("a value of %d bytes read as %d at offset %d", len(own), size, d.base+start)
	}
	if err != nil {
		return nil, err
	}
	d.lastOwn = size
	return own[:size:size], nil
}

// ownRead runs read over own, the copy of the input from start, and moves
// pos past what it read in the input; it returns how many bytes of own
// read consumed.
func (d *Decoder) ownRead(own []byte, start int, read func() error) (int, error) {
	data, s, base := d.data, d.s, d.base
	d.data, d.s, d.pos, d.base, d.owned = own, view(own), 0, base+start, true
	d.keyAt = 0 // the item's keys, predicted from the last item's
	err := read()
	size := d.pos
	d.data, d.s, d.pos, d.base, d.owned = data, s, start+size, base, false
	return size, err
}

// valueEnd returns where the object or list at pos ends, matching brackets
// outside strings and checking nothing else (Own's read does); the end of
// the input when it does not end. For any other value, it is where read
// stops when it is valid, and the end of the input when it is not.
func (d *Decoder) valueEnd() int {
	b := d.data
	i := d.pos
	if i >= len(b) || (b[i] != '{' && b[i] != '[') {
		end := len(b)
		if d.Skip() == nil {
			end = d.pos
		}
		d.pos = i
		return end
	}
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		case '"':
			i = quoteRun(b, i+1)
			for i < len(b) && b[i] == '\\' {
				i = quoteRun(b, i+2) // past the byte escaped, a quote perhaps
			}
		}
	}
	return len(b)
}

// Pos returns the position of the next byte to read, for Seek.
func (d *Decoder) Pos() int { return d.pos }

// Seek moves the reader to pos, a value returned by Pos.
func (d *Decoder) Seek(pos int) { d.pos = pos }

// Empty consumes an empty value at pos, null, [] or {}, and reports true;
// it leaves any other value unread and reports false.
func (d *Decoder) Empty() bool {
	at := d.pos
	switch d.Peek() {
	case 'n':
		if d.Literal("null") == nil {
			return true
		}
	case '[', '{':
		closing := byte(']')
		if d.data[d.pos] == '{' {
			closing = '}'
		}
		d.pos++
		if d.Peek() == closing {
			d.pos++
			return true
		}
	}
	d.pos = at
	return false
}
