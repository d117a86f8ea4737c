package agentapi

import (
	"errors"
	"fmt"
)

// decodeFailure presents err, a *jsonwire.Error from the reader, as the
// SDK's: it matches ErrMalformedResponse (whose text brings the one
// "agentapi:" prefix) and still carries the *jsonwire.Error, so that
// errors.As reaches its Path and Msg. nil stays nil; an error that already
// matches ErrMalformedResponse is returned as it is.
func decodeFailure(err error) error {
	if err == nil || errors.Is(err, ErrMalformedResponse) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrMalformedResponse, err)
}
