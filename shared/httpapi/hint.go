package httpapi

import "context"

type renderHintKey struct{}

// WithRenderHint is ctx with f, which WillRender calls: a function's
// first page starts its head start (app's PrewarmPages) only once it
// knows it will render, so that a page answered from its copy shares its
// CPU with nothing.
func WithRenderHint(ctx context.Context, f func()) context.Context {
	return context.WithValue(ctx, renderHintKey{}, f)
}

// WillRender says that the request of ctx will render a page.
func WillRender(ctx context.Context) {
	if f, ok := ctx.Value(renderHintKey{}).(func()); ok {
		f()
	}
}
