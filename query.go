package agentapi

import (
	"net/url"

	"github.com/google/go-querystring/query"
)

// pagedQuery encodes a list's options, a struct of url tags, as a query,
// after refusing a negative page or per_page: the server answers 500 to
// them.
func pagedQuery(opts any, page, perPage int) (url.Values, error) {
	if page < 0 {
		return nil, invalidf("page %d is negative", page)
	}
	if perPage < 0 {
		return nil, invalidf("per_page %d is negative", perPage)
	}
	return encodeQuery(opts)
}

// encodeQuery encodes options, a struct of url tags, as a query; zero
// values marked omitempty are left out.
func encodeQuery(opts any) (url.Values, error) {
	q, err := query.Values(opts)
	if err != nil {
		return nil, wrapf("encoding options: %w", err)
	}
	return q, nil
}
