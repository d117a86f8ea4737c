//go:build !(amd64 || arm64 || 386 || ppc64le || ppc64 || s390x)

package jsonwire

// sameAt reports whether s holds rec at i. This machine may not load a word
// from any address: the comparison is Go's own.
func sameAt(s string, i int, rec string) bool {
	return i+len(rec) <= len(s) && s[i:i+len(rec)] == rec
}
