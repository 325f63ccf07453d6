// Package apperr is the project's error model: a small set of codes carried
// by one error type, mapped to HTTP status in exactly one place (httpapi).
// Messages are message keys translated at the edge; they never contain
// personal data, because errors end up in logs.
package apperr

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Code is one of the error codes of the HTTP contract.
type Code string

const (
	BadRequest           Code = "bad_request"
	ValidationFailed     Code = "validation_failed"
	NotFound             Code = "not_found"
	Conflict             Code = "conflict"
	Closed               Code = "closed"
	TooLarge             Code = "too_large"
	UnsupportedMediaType Code = "unsupported_media_type"
	Unauthorized         Code = "unauthorized"
	Forbidden            Code = "forbidden"
	RateLimited          Code = "rate_limited"
	Internal             Code = "internal"
)

// FieldError is one invalid field. Message is already in the caller's
// language (validator translations render it at validation time).
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is a client-facing error. Key names a message in the i18n catalogue;
// Args fill its placeholders (ids only, never personal data).
type Error struct {
	Code   Code
	Key    string
	Args   []any
	Fields []FieldError
	// RetryAfter is when a rate_limited client may try again (the
	// Retry-After header, whole seconds).
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if len(e.Args) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Key, e.Args)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Key)
}

// New returns an error with the given code and message key.
func New(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Limited returns a rate_limited error: the client may try again after wait.
func Limited(wait time.Duration) *Error {
	return &Error{Code: RateLimited, Key: "rate_limited", RetryAfter: wait}
}

// Header is the Retry-After value of e ("" when it has none): whole
// seconds, rounded up.
func (e *Error) Header() string {
	if e.RetryAfter <= 0 {
		return ""
	}
	return strconv.FormatInt(int64((e.RetryAfter+time.Second-1)/time.Second), 10)
}

// Validation returns a validation_failed error with field errors.
func Validation(fields []FieldError) *Error {
	return &Error{Code: ValidationFailed, Key: "validation_failed", Fields: fields}
}

// As returns the *Error inside err, or nil. Anything else is internal.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// CodeOf returns the code of err: Internal for anything not an *Error.
func CodeOf(err error) Code {
	if e := As(err); e != nil {
		return e.Code
	}
	return Internal
}
