package agentapi

// SKELETON: the pager helper replaces this file.

import (
	"context"
	"errors"
	"iter"
	"net/http"
)

// ErrNoMorePages is what Pager.Next returns once More reports false.
var ErrNoMorePages = errors.New("agentapi: no more pages")

// Page is one page of a list endpoint.
type Page[T any] struct {
	Items   []T
	Meta    PageMeta
	Message string      // the envelope's "message"
	Header  http.Header // the response's headers (request id, rate-limit counters, ...)
}

// TaskPage is a page of tasks.
type TaskPage = Page[Task]

// PagerOption configures a Pager.
type PagerOption func(*pagerConfig)

type pagerConfig struct {
	concurrency int
	maxItems    int
}

// WithConcurrency sets the pages in flight at once; default 1.
func WithConcurrency(n int) PagerOption { return func(c *pagerConfig) { c.concurrency = n } }

// WithMaxItems stops after n items; 0 = all.
func WithMaxItems(n int) PagerOption { return func(c *pagerConfig) { c.maxItems = n } }

// Pager walks the pages of a list endpoint.
type Pager[T any] struct{}

func newPager[T any](fetch func(ctx context.Context, page int) (*Page[T], error), key func(*T) string, start int, popts []PagerOption) *Pager[T] {
	return &Pager[T]{}
}

// More reports whether Next may return another page.
func (p *Pager[T]) More() bool { return false }

// Next returns the next page.
func (p *Pager[T]) Next(ctx context.Context) (*Page[T], error) { return nil, ErrNoMorePages }

// All yields every item.
func (p *Pager[T]) All(ctx context.Context) iter.Seq2[T, error] { return func(func(T, error) bool) {} }

// Pages yields every page.
func (p *Pager[T]) Pages(ctx context.Context) iter.Seq2[*Page[T], error] {
	return func(func(*Page[T], error) bool) {}
}
