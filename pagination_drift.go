package agentapi

// drift follows meta.total across a walk's responses and plans the pages to
// read again when it falls (see the Pager's Drift section).
//
// Why it works, for a list that only loses items (or gains them only at its
// head) during the walk: an item X that exists throughout is missed by the
// forward pages only if, between the reads of two neighbouring pages q and
// q+1 (q read first), X moved from page q+1 or later back to page q or
// earlier. Its position fell by at most the number of items deleted ahead
// of it, which is at most the fall of meta.total between the two responses;
// and it can only fall further. Reading pages q, q-1, ... again, one at a
// time and after page q+1 answered, finds X: at each read, either X is on
// the page read, or it is already below it (it never moves forward). The
// reads stop once they cover the whole fall since page q was read, further
// deletions included, or at the walk's first page.
type drift struct {
	first      PageMeta    // the first response's meta, to tell Changed
	seenFirst  bool        // first is set
	prevTotal  int         // meta.total of the last forward page taken
	havePrev   bool        // prevTotal is set
	recoveries []*recovery // boundaries whose shift is not yet covered
}

// recovery is the reading again, from one page boundary down, of the pages
// that a fall of meta.total can have moved items onto.
type recovery struct {
	boundary int  // items may have moved from page boundary+1 onto boundary or below
	ref      int  // meta.total when page boundary was read
	page     int  // the next page to read again, counting down from boundary
	inFlight bool // page is requested and not yet taken
}

// hasMeta reports whether a response carried a pagination block.
func hasMeta(m PageMeta) bool { return m.CurrentPage > 0 || m.LastPage > 0 }

// note records a response's meta and reports whether its total or last_page
// differs from the first response's.
func (d *drift) note(m PageMeta) bool {
	if !hasMeta(m) {
		return false
	}
	if !d.seenFirst {
		d.first, d.seenFirst = m, true
		return false
	}
	return m.Total != d.first.Total || m.LastPage != d.first.LastPage
}

// forward records forward page num's total, taken in page order. A total
// below the page before's starts a recovery from that page down.
func (d *drift) forward(num int, m PageMeta, start, perPage int) {
	if !hasMeta(m) {
		d.havePrev = false
		return
	}
	if d.havePrev && m.Total < d.prevTotal && perPage > 0 && num-1 >= start {
		d.recoveries = append(d.recoveries, &recovery{boundary: num - 1, ref: d.prevTotal, page: num - 1})
	}
	d.prevTotal, d.havePrev = m.Total, true
}

// claim launches the next read of a recovery that has none in flight, and
// reports whether it did. The reads of one recovery go one at a time, so
// that each is sent after the one before it answered.
func (d *drift) claim(launch func(num int, redo *recovery)) bool {
	for _, r := range d.recoveries {
		if !r.inFlight {
			r.inFlight = true
			launch(r.page, r)
			return true
		}
	}
	return false
}

// reread records that r's page was read again with meta.total total. The
// recovery ends when the pages read again cover the fall of the total since
// its boundary was read, or at the walk's first page; otherwise the page
// below is next.
func (d *drift) reread(r *recovery, total, perPage, start int) {
	r.inFlight = false
	if (r.boundary-r.page+1)*perPage < r.ref-total && r.page > start {
		r.page--
		return
	}
	for i, x := range d.recoveries {
		if x == r {
			d.recoveries = append(d.recoveries[:i], d.recoveries[i+1:]...)
			break
		}
	}
}
