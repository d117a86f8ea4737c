package agentapi

// maxIDLen bounds an identifier that goes into a path.
const maxIDLen = 128

// checkID returns an error wrapping ErrInvalidArgument unless id, the
// identifier what names (such as "user id"), holds 1 to 128 of A-Z a-z 0-9
// - _. The vendor's ids are UUIDs or numbers; escaping alone would not do,
// since a proxy that decodes %2F turns "../../admin" back into a path.
func checkID(what, id string) error {
	if id == "" {
		return invalidf("%s is empty", what)
	}
	if len(id) > maxIDLen {
		return invalidf("%s is longer than %d bytes", what, maxIDLen)
	}
	for i := 0; i < len(id); i++ {
		switch b := id[i]; {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9', b == '-', b == '_':
		default:
			return invalidf("%s %q: only A-Z, a-z, 0-9, - and _ are allowed", what, id)
		}
	}
	return nil
}
