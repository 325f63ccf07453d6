// Package tplmethods lets the templates call methods without making the
// linker keep every exported method of the program.
//
// The templates run on a copy of the standard library's text/template
// (third_party/texttemplate, third_party/README.md) that finds a method
// through texttemplate.MethodByName. This package sets it to byName
// (names.go), which calls reflect.Value.MethodByName with constant names:
// every name that a template of this repository uses after a dot. The
// linker then keeps only the methods of those names. The standard
// library's call with a name known only at run time kept all of them: with
// validator's validateFn (left out by the build tag
// validator_novalidatefn), 1.5 MB of the survey function's bootstrap
// (linux/arm64).
//
// A template with a new name needs names.go written again: go generate
// (TestNamesAreTheTemplates fails until then). Importing this package is
// enough; shared/web and shared/mail do.
package tplmethods

//go:generate go test -run TestNamesAreTheTemplates -update .

import texttemplate "github.com/integration-offices/netzwerk-backend/third_party/texttemplate"

func init() { texttemplate.MethodByName = byName }
