package agentapitest

import "net/http"

// fieldError is one failed validation rule, an entry of a Laravel 422's
// "errors": the field and its message. The list's query rules
// (parseQuery) and the lifecycle's body rules (errList) both make them.
type fieldError struct{ field, message string }

// appendValidation appends Laravel 8's answer to a failed validation:
// HTTP 422, compact JSON {"message":"The given data was invalid.",
// "errors":{field:[message]}}, the fields in the order of the rules.
func appendValidation(b []byte, h http.Header, errs []fieldError) (int, []byte) {
	h.Set("Content-Type", "application/json")
	b = append(b, `{"message":"The given data was invalid.","errors":{`...)
	for i, e := range errs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, e.field)
		b = append(b, ":["...)
		b = appendString(b, e.message)
		b = append(b, ']')
	}
	return http.StatusUnprocessableEntity, append(b, "}}"...)
}
