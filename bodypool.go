package agentapi

import (
	"io"
	"math/bits"
	"sync"
)

// Response bodies are read into buffers kept in size classes, so that a
// walk reads every page into a buffer an earlier page used. A body is free
// once decoded: decoded values own their bytes (see Task), and an
// *APIError copies what it keeps of a body.
const (
	// minBodyClass is the smallest buffer kept: 4 KiB.
	minBodyClass = 12
	// bodyClasses is how many sizes are kept: 4 KiB, 8 KiB, ... 4 MiB.
	bodyClasses = 11
	// maxPooledBody is the largest buffer kept; a larger one is left to the
	// collector, so that one huge body does not stay in memory.
	maxPooledBody = 1 << (minBodyClass + bodyClasses - 1)
	// unknownLengthStart is the first buffer of a body whose length is not
	// known (no Content-Length, such as a response net/http inflated from
	// gzip); it doubles as the body grows.
	unknownLengthStart = 32 << 10
)

// bodyPool keeps body buffers, one sync.Pool per power-of-two size class;
// every buffer it holds has exactly its class's capacity. Each Client has
// its own: a cache, whose content never changes what a call returns, and
// which a garbage collection may empty at any time.
type bodyPool struct{ classes [bodyClasses]sync.Pool }

// bodyClass returns the class of the smallest kept buffer of at least n
// bytes, and false when n is above maxPooledBody.
func bodyClass(n int) (int, bool) {
	if n > maxPooledBody {
		return 0, false
	}
	return max(0, bits.Len(uint(n-1))-minBodyClass), true
}

// get returns an empty buffer of at least n bytes: a kept one when n is at
// most maxPooledBody, else one of exactly n bytes. A nil pool keeps nothing.
func (p *bodyPool) get(n int) *[]byte {
	c, ok := bodyClass(n)
	if !ok {
		b := make([]byte, 0, n)
		return &b
	}
	if p != nil {
		if b, _ := p.classes[c].Get().(*[]byte); b != nil {
			return b
		}
	}
	b := make([]byte, 0, 1<<(minBodyClass+c))
	return &b
}

// put gives b back for another body; a buffer of no class's exact size (too
// large, or not one get made) is dropped. Nothing may use *b afterwards.
func (p *bodyPool) put(b *[]byte) {
	if p == nil || b == nil {
		return
	}
	c, ok := bodyClass(cap(*b))
	if !ok || cap(*b) != 1<<(minBodyClass+c) {
		return
	}
	*b = (*b)[:0]
	p.classes[c].Put(b)
}

// read reads r up to limit bytes into a buffer of p: one sized from
// the Content-Length when known (+1 byte, to see EOF without growing), else
// one of unknownLengthStart that doubles when full. tooLarge reports a body
// past limit, of which the first limit bytes are returned. The buffer comes
// back with what was read even on an error; the caller gives it back with
// p.put once nothing refers to it. A body declared over limit is not
// read: nil.
func (bp *bodyPool) read(r io.Reader, contentLength, limit int64) (body *[]byte, tooLarge bool, err error) {
	if contentLength > limit {
		return nil, true, nil
	}
	size := int64(unknownLengthStart)
	if contentLength >= 0 {
		size = contentLength + 1
	}
	p := bp.get(int(min(size, limit+1)))
	buf := *p
	defer func() { *p = buf }()
	for {
		if len(buf) == cap(buf) {
			p, buf = bp.grow(p, buf, limit)
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			buf = buf[:limit]
			return p, true, nil
		}
		if err == io.EOF {
			return p, false, nil
		}
		if err != nil {
			return p, false, err
		}
	}
}

// grow moves buf, held in p, into a buffer of twice its capacity (at most
// limit+1 bytes, but always larger) and gives p back.
func (bp *bodyPool) grow(p *[]byte, buf []byte, limit int64) (*[]byte, []byte) {
	n := max(int64(2*cap(buf)), int64(cap(buf)+1))
	if n > limit+1 {
		n = max(limit+1, int64(cap(buf)+1))
	}
	q := bp.get(int(n))
	next := append((*q)[:0], buf...)
	*p = buf
	bp.put(p)
	return q, next
}
