package dynamo

// What the page copy tests (pagecopy_test.go) look at from outside.
var ItemDigest = itemDigest

const (
	DigestLen     = digestLen
	MaxCopiedItem = maxCopiedItem
	PagePrefix    = attrPagePrefix
)
