package agentapi

// drift follows meta.total across a walk's forward pages and plans the
// pages to read again when it falls between two neighbouring pages (see the
// Pager's Drift section).
//
// Why it works. Pages are runs of one order, cut by offset. An item X that
// exists for the whole walk is missed by the forward pages only if it
// crossed the boundary between two neighbouring pages q and q+1 between
// their reads, against the direction of the walk:
//
//   - Read q first, then q+1: X moved back from page q+1 onto page q or
//     below. Only deletions move items back, by at most the fall of
//     meta.total between the two reads. Reading q, q-1, ... again, one at a
//     time after q+1 answered, finds X: while the list only loses items, X
//     never moves forward, so at each read it is either on the page read or
//     below it. The reads stop once they cover the fall since q was read.
//   - Read q+1 first, then q (the two were in flight together): X moved
//     forward from page q onto q+1 or above. Only creations move items
//     forward, and they raise meta.total: page q then reports more than page
//     q+1. Reading q+1, q+2, ... again, one at a time, finds X by the same
//     argument in the other direction, until the reads cover the rise since
//     q+1 was read.
//
// The reads also stop at a page holding an item of the run they started
// from (page q's going down, page q+1's going up): X lies beyond that item,
// and by the same argument it is not further on, so it was on that page.
//
// A fall of meta.total from page q to page q+1 is therefore met by reading
// down from q when some response has shown deletions (a total below the
// first page's, which is always served alone and first), and, when the
// order of the two reads is unknown (q+1 was sent before q answered) and
// some response has shown creations (a total above the first page's), by
// reading up from q+1. A read going up stops early at the forward pages not
// yet sent: they are read after it, in the walk's own direction.
type drift struct {
	first      PageMeta    // the first response's meta, to tell Changed
	seenFirst  bool        // first is set
	shrank     bool        // a response's total was below the first's: deletions
	grew       bool        // a response's total was above the first's: creations
	moved      bool        // a response's total or last_page differed from the first's
	reads      int         // reads again launched, to group recoveries
	prev       *edge       // the last forward page taken; nil without meta
	recoveries []*recovery // readings again not yet done
}

// edge is what a recovery needs of a forward page.
type edge struct {
	page, total int
	landed      int      // the walk's landings count once it answered
	keys        []string // of its items
}

// recovery reads pages again, one at a time, from one side of the boundary
// between pages boundary and boundary+1, until the change of meta.total
// since ref is covered.
type recovery struct {
	boundary int
	ref      int                 // meta.total the shift is measured from
	up       bool                // reading boundary+1, +2, ... (items pushed forward); else boundary, -1, ...
	page     int                 // the next page to read again
	read     int                 // the read in flight for it (shared by recoveries that want the same page); 0: none
	anchors  map[string]struct{} // the items of the run it started from
}

// newRecovery starts a reading again from forward page from, down from it
// or, with up, up from it.
func newRecovery(from *edge, ref int, up bool) *recovery {
	r := &recovery{boundary: from.page, ref: ref, up: up, page: from.page, anchors: make(map[string]struct{}, len(from.keys))}
	if up {
		r.boundary--
	}
	for _, k := range from.keys {
		r.anchors[k] = struct{}{}
	}
	return r
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
	d.shrank = d.shrank || m.Total < d.first.Total
	d.grew = d.grew || m.Total > d.first.Total
	changed := m.Total != d.first.Total || m.LastPage != d.first.LastPage
	d.moved = d.moved || changed
	return changed
}

// forward records forward page num, taken in page order, which answered
// with m; launched and landed are the walk's landings count when it was
// sent and when it answered. A total below the page before's starts the
// recoveries of that boundary.
func (d *drift) forward(num int, m PageMeta, keys []string, launched, landed, start int) {
	if !hasMeta(m) {
		d.prev = nil
		return
	}
	b := &edge{page: num, total: m.Total, landed: landed, keys: keys}
	if a := d.prev; a != nil && a.page == num-1 && m.Total < a.total && a.page >= start {
		if d.shrank {
			d.recoveries = append(d.recoveries, newRecovery(a, a.total, false))
		}
		if d.grew && launched < a.landed { // sent before page a answered: either may have been served first
			d.recoveries = append(d.recoveries, newRecovery(b, m.Total, true))
		}
	}
	d.prev = b
}

// claim launches the next read of a recovery that has none in flight, and
// reports whether it did. One read serves every recovery waiting for the
// same page in the same direction.
func (d *drift) claim(launch func(num int, redo *recovery)) bool {
	for _, r := range d.recoveries {
		if r.read == 0 {
			d.reads++
			for _, x := range d.recoveries {
				if x.read == 0 && x.page == r.page && x.up == r.up {
					x.read = d.reads
				}
			}
			launch(r.page, r)
			return true
		}
	}
	return false
}

// reread records that the read of r's page answered with m and items
// keys, for every recovery it served. A recovery ends at a page holding one
// of its anchors, when the pages read cover the change
// of the total since its ref, at the walk's first page, at the list's last
// page, or, going up, at the forward pages not yet sent (below frontier);
// otherwise it goes on to the next page in its direction.
func (d *drift) reread(r *recovery, m PageMeta, keys []string, perPage, start, frontier int) {
	read := r.read
	kept := d.recoveries[:0]
	for _, x := range d.recoveries {
		if x.read != read || !x.step(m, keys, perPage, start, frontier) {
			kept = append(kept, x)
		}
	}
	clear(d.recoveries[len(kept):])
	d.recoveries = kept
}

// step records that x's page answered with m and items keys, and reports
// whether x is done.
func (x *recovery) step(m PageMeta, keys []string, perPage, start, frontier int) bool {
	x.read = 0
	for _, k := range keys {
		if _, ok := x.anchors[k]; ok {
			return true
		}
	}
	read := x.boundary - x.page + 1 // pages read so far
	shift := x.ref - m.Total        // how far items can have moved back
	next := x.page - 1
	done := next < start
	if x.up {
		read, shift, next = x.page-x.boundary, -shift, x.page+1
		done = x.page >= m.LastPage || next >= frontier
	}
	if done || read*perPage >= shift {
		return true
	}
	x.page = next
	return false
}
