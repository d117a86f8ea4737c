package jsonwire

// number consumes the number at pos, checking JSON's grammar, and returns its text.
func (d *Decoder) number() (string, error) {
	start := d.pos
	i := d.pos
	if i < len(d.data) && d.data[i] == '-' {
		i++
	}
	switch {
	case i < len(d.data) && d.data[i] == '0':
		i++
	case i < len(d.data) && '1' <= d.data[i] && d.data[i] <= '9':
		i = digits(d.data, i)
	default:
		d.pos = i
		return "", d.syntaxError("in number")
	}
	if i < len(d.data) && d.data[i] == '.' {
		j := digits(d.data, i+1)
		if j == i+1 {
			d.pos = j
			return "", d.syntaxError("after decimal point in number")
		}
		i = j
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		j := digits(d.data, i)
		if j == i {
			d.pos = j
			return "", d.syntaxError("in exponent of number")
		}
		i = j
	}
	d.pos = i
	return d.s[start:i], nil
}

// digits returns the index of the first non-digit of b from i.
func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// Skip skips the value at pos, checking its syntax.
func (d *Decoder) Skip() error { return d.skipValue(0) }

// skipValue skips one value nested depth levels deep.
func (d *Decoder) skipValue(depth int) error {
	switch d.Peek() {
	case '"':
		return d.skipStr()
	case '{':
		return d.skipContainer(depth, '}')
	case '[':
		return d.skipContainer(depth, ']')
	case 't':
		return d.Literal("true")
	case 'f':
		return d.Literal("false")
	case 'n':
		return d.Literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		_, err := d.number()
		return err
	default:
		return d.syntaxError("looking for beginning of value")
	}
}

// skipContainer skips the object or list at pos whose closing byte is closing.
func (d *Decoder) skipContainer(depth int, closing byte) error {
	if depth >= MaxDepth {
		return Errorf("values nested deeper than %d at offset %d", MaxDepth, d.base+d.pos)
	}
	d.pos++
	if d.Peek() == closing {
		d.pos++
		return nil
	}
	for {
		if closing == '}' {
			if d.Peek() != '"' {
				return d.syntaxError("looking for an object key")
			}
			if err := d.skipStr(); err != nil {
				return err
			}
			if d.Peek() != ':' {
				return d.syntaxError("after an object key")
			}
			d.pos++
		}
		if err := d.skipValue(depth + 1); err != nil {
			return err
		}
		if more, err := d.next(closing); err != nil || !more {
			return err
		}
	}
}
