package dynamo

// What the page copy tests (pagecopy_test.go) look at from outside.
var ItemDigest = itemDigest

const (
	DigestLen     = digestLen
	MaxCopiedItem = maxCopiedItem
	PagePrefix    = attrPagePrefix
)

// CopyDigest is the digest a copy in lang of item it by build carries
// (withCopy).
func CopyDigest(build, lang string, it Item) []byte {
	d, _ := itemDigest(build+"\x00"+lang, it)
	return d
}
