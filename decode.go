package agentapi

// SKELETON: the decoder helper replaces this file.

import (
	"errors"
	"time"
)

// envelope is what every response of the API wraps its data in.
type envelope struct {
	Code    int  // "code"
	HasCode bool // whether "code" was present
	Message string
	HasData bool // whether "data" was present
	Meta    PageMeta
}

// decodeTaskPage decodes a subset_task response body: the envelope and its
// list of tasks. Timestamps without a zone read in loc. Errors wrap
// ErrMalformedResponse. When the envelope's code is present and not 200,
// data is not decoded and no error is returned for it.
func decodeTaskPage(body []byte, loc *time.Location) (envelope, []Task, error) {
	return envelope{}, nil, errors.New("not implemented")
}

// decodeEnvelope reads the envelope of an error response, skipping data.
func decodeEnvelope(body []byte) (envelope, error) {
	return envelope{}, errors.New("not implemented")
}

// defaultZone is China Standard Time, the zone of the API's timestamps.
func defaultZone() *time.Location { return time.FixedZone("CST", 8*60*60) }
