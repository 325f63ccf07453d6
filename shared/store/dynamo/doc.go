package dynamo

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A DynamoDB item holds at most 400 KB, and a survey definition may be
// 1 MiB of JSON (200 questions in seven languages; AUTHORING.md). A JSON
// document above bigDoc is stored gzip-compressed in a binary attribute
// of its own name with "Gz" appended (texts compress about tenfold);
// smaller ones, and every item written before, stay plain strings, and
// both read back alike.
const (
	bigDoc = 64 << 10
	// maxDoc bounds a stored document, compressed, leaving room for the
	// item's other attributes (and the index's copy of them).
	maxDoc = 380_000
	// maxInflated bounds what a compressed document may inflate to: the
	// documents are ours, but a read never trusts a size.
	maxInflated = 16 << 20
)

// ErrDocTooLarge is a document that does not fit an item even
// compressed.
var ErrDocTooLarge = fmt.Errorf("document over %d bytes compressed", maxDoc)

// putDoc sets the document attribute name of it to doc: plain, or
// compressed when large.
func putDoc(it Item, name string, doc []byte) error {
	if len(doc) <= bigDoc {
		it[name] = str(string(doc))
		return nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(doc); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if buf.Len() > maxDoc {
		return ErrDocTooLarge
	}
	it[name+"Gz"] = &types.AttributeValueMemberB{Value: buf.Bytes()}
	return nil
}

// doc reads the document attribute name of it (putDoc).
func doc(it Item, name string) ([]byte, error) {
	z, ok := it[name+"Gz"].(*types.AttributeValueMemberB)
	if !ok {
		return []byte(strAttr(it, name)), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(z.Value))
	if err != nil {
		return nil, fmt.Errorf("inflate %s: %w", name, err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, maxInflated+1))
	if err != nil {
		return nil, fmt.Errorf("inflate %s: %w", name, err)
	}
	if len(b) > maxInflated {
		return nil, fmt.Errorf("inflate %s: over %d bytes", name, maxInflated)
	}
	return b, nil
}
