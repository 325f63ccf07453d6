package dynamo_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// copyItem is an item with a value of every kind DynamoDB has (sets in
// the order given).
func copyItem(ss, ns []string) dynamo.Item {
	return dynamo.Item{
		"pk": &types.AttributeValueMemberS{Value: "SURVEY#x"}, "sk": &types.AttributeValueMemberS{Value: "DEF"},
		"definition":   &types.AttributeValueMemberS{Value: `{"id":"x"}`},
		"definitionGz": &types.AttributeValueMemberB{Value: []byte{1, 2, 3}},
		"officeFrame":  &types.AttributeValueMemberS{Value: `{"office":"demo"}`},
		"updatedAt":    &types.AttributeValueMemberS{Value: "2026-12-03T10:00:00Z"},
		"n":            &types.AttributeValueMemberN{Value: "42"},
		"flag":         &types.AttributeValueMemberBOOL{Value: true},
		"none":         &types.AttributeValueMemberNULL{Value: true},
		"ss":           &types.AttributeValueMemberSS{Value: ss},
		"ns":           &types.AttributeValueMemberNS{Value: ns},
		"bs":           &types.AttributeValueMemberBS{Value: [][]byte{{9}, {1, 2}}},
		"l":            &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "a"}, &types.AttributeValueMemberN{Value: "1"}}},
		"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"a": &types.AttributeValueMemberS{Value: "1"}, "b": &types.AttributeValueMemberSS{Value: ss}}},
	}
}

// TestItemDigest: equal items have equal digests whatever the order of
// their sets and attributes; any change to any attribute (a value, its
// type, its name, one added or removed, bytes moved from one to the
// next) changes it, as does the build; the page copies do not.
func TestItemDigest(t *testing.T) {
	const build = "build-a"
	base, _ := dynamo.ItemDigest(build, copyItem([]string{"a", "b", "c"}, []string{"1", "2", "3"}))
	if len(base) != dynamo.DigestLen {
		t.Fatalf("digest of %d bytes, want %d", len(base), dynamo.DigestLen)
	}
	// Sets in another order, the attributes inserted in another order.
	other := dynamo.Item{}
	it := copyItem([]string{"c", "a", "b"}, []string{"3", "1", "2"})
	for _, k := range []string{"m", "l", "bs", "ns", "ss", "none", "flag", "n", "updatedAt", "officeFrame", "definitionGz", "definition", "sk", "pk"} {
		other[k] = it[k]
	}
	other["bs"] = &types.AttributeValueMemberBS{Value: [][]byte{{1, 2}, {9}}}
	if d, _ := dynamo.ItemDigest(build, other); !bytes.Equal(d, base) {
		t.Fatal("an equal item with its sets in another order has another digest")
	}
	if d, _ := dynamo.ItemDigest("build-b", copyItem([]string{"a", "b", "c"}, []string{"1", "2", "3"})); bytes.Equal(d, base) {
		t.Fatal("another build, the same digest")
	}

	changes := map[string]func(dynamo.Item){
		"definition changed": func(it dynamo.Item) { it["definition"] = &types.AttributeValueMemberS{Value: `{"id":"y"}`} },
		"definitionGz":       func(it dynamo.Item) { it["definitionGz"] = &types.AttributeValueMemberB{Value: []byte{1, 2, 4}} },
		"officeFrame": func(it dynamo.Item) {
			it["officeFrame"] = &types.AttributeValueMemberS{Value: `{"office":"demo","x":1}`}
		},
		"frame removed": func(it dynamo.Item) { delete(it, "officeFrame") },
		"updatedAt": func(it dynamo.Item) {
			it["updatedAt"] = &types.AttributeValueMemberS{Value: "2026-12-03T10:00:00.001Z"}
		},
		"pk":               func(it dynamo.Item) { it["pk"] = &types.AttributeValueMemberS{Value: "SURVEY#y"} },
		"number":           func(it dynamo.Item) { it["n"] = &types.AttributeValueMemberN{Value: "43"} },
		"number as string": func(it dynamo.Item) { it["n"] = &types.AttributeValueMemberS{Value: "42"} },
		"bool":             func(it dynamo.Item) { it["flag"] = &types.AttributeValueMemberBOOL{Value: false} },
		"null to bool":     func(it dynamo.Item) { it["none"] = &types.AttributeValueMemberBOOL{Value: true} },
		"set member":       func(it dynamo.Item) { it["ss"] = &types.AttributeValueMemberSS{Value: []string{"a", "b", "d"}} },
		"set shorter":      func(it dynamo.Item) { it["ss"] = &types.AttributeValueMemberSS{Value: []string{"a", "b"}} },
		"SS as NS":         func(it dynamo.Item) { it["ns"] = &types.AttributeValueMemberSS{Value: []string{"1", "2", "3"}} },
		"binary set":       func(it dynamo.Item) { it["bs"] = &types.AttributeValueMemberBS{Value: [][]byte{{9}, {1}, {2}}} },
		"list order": func(it dynamo.Item) {
			it["l"] = &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberN{Value: "1"}, &types.AttributeValueMemberS{Value: "a"}}}
		},
		"map value": func(it dynamo.Item) {
			it["m"] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"a": &types.AttributeValueMemberS{Value: "2"}, "b": &types.AttributeValueMemberSS{Value: []string{"a", "b", "c"}}}}
		},
		"map key": func(it dynamo.Item) {
			it["m"] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"c": &types.AttributeValueMemberS{Value: "1"}, "b": &types.AttributeValueMemberSS{Value: []string{"a", "b", "c"}}}}
		},
		"attribute renamed": func(it dynamo.Item) { it["updatedAt2"] = it["updatedAt"]; delete(it, "updatedAt") },
		"attribute added":   func(it dynamo.Item) { it["status"] = &types.AttributeValueMemberS{Value: ""} },
		// "ab"="c" is not "a"="bc": names and values are framed by length.
		"bytes moved": func(it dynamo.Item) {
			delete(it, "definition")
			it["definitio"] = &types.AttributeValueMemberS{Value: `n{"id":"x"}`}
		},
		// A copy's prefix is not a prefix of every name.
		"page without #": func(it dynamo.Item) { it["page"] = &types.AttributeValueMemberB{Value: []byte{1}} },
	}
	for name, change := range changes {
		it := copyItem([]string{"a", "b", "c"}, []string{"1", "2", "3"})
		change(it)
		if d, _ := dynamo.ItemDigest(build, it); d == nil || bytes.Equal(d, base) {
			t.Errorf("%s: digest unchanged (%x)", name, d)
		}
	}

	// The page copies are not part of it; they count in the size.
	it = copyItem([]string{"a", "b", "c"}, []string{"1", "2", "3"})
	_, size := dynamo.ItemDigest(build, it)
	it[dynamo.PagePrefix+"de"] = &types.AttributeValueMemberB{Value: bytes.Repeat([]byte{7}, 5000)}
	it[dynamo.PagePrefix+"ar"] = &types.AttributeValueMemberB{Value: base}
	d, withCopies := dynamo.ItemDigest(build, it)
	if !bytes.Equal(d, base) {
		t.Error("a page copy changed the digest")
	}
	if withCopies < size+5000 {
		t.Errorf("size %d with a copy of 5000 bytes, %d without", withCopies, size)
	}
	// A value of a kind it does not know: no digest, no copy.
	it["odd"] = &types.UnknownUnionMember{Tag: "X"}
	if d, _ := dynamo.ItemDigest(build, it); d != nil {
		t.Errorf("an item with an unknown value has a digest %x", d)
	}
}

// TestItemDigestAsStored: an item written twice with its sets in other
// orders reads back with one digest; an UpdateItem of any attribute
// (the frame, updatedAt) changes it, one of a page copy does not.
func TestItemDigestAsStored(t *testing.T) {
	env := testenv.Seeded(t)
	ctx := context.Background()
	key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SURVEY#" + seed.SurveyID}, "sk": &types.AttributeValueMemberS{Value: "DEF"}}
	read := func() []byte {
		t.Helper()
		out, err := env.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: &env.Table, Key: key, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		d, _ := dynamo.ItemDigest("build", out.Item)
		if d == nil {
			t.Fatalf("no digest of the stored item %v", out.Item)
		}
		return d
	}
	update := func(expr string, vals map[string]types.AttributeValue, names map[string]string) {
		t.Helper()
		if _, err := env.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &env.Table, Key: key,
			UpdateExpression: aws.String(expr), ExpressionAttributeValues: vals, ExpressionAttributeNames: names}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := env.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: &env.Table, Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	stored := out.Item
	put := func(ss, ns []string) []byte {
		t.Helper()
		it := maps.Clone(stored)
		it["ss"], it["ns"] = &types.AttributeValueMemberSS{Value: ss}, &types.AttributeValueMemberNS{Value: ns}
		if _, err := env.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: &env.Table, Item: it}); err != nil {
			t.Fatal(err)
		}
		return read()
	}
	a := put([]string{"zeta", "alpha", "mu"}, []string{"10", "2", "3.5"})
	if b := put([]string{"mu", "zeta", "alpha"}, []string{"3.5", "10", "2"}); !bytes.Equal(a, b) {
		t.Fatal("the same item, its sets written in another order: another digest")
	}
	update("SET #c = :c", map[string]types.AttributeValue{":c": &types.AttributeValueMemberB{Value: []byte("a copy")}}, map[string]string{"#c": dynamo.PagePrefix + "de"})
	if !bytes.Equal(read(), a) {
		t.Fatal("a page copy written changed the digest")
	}
	for _, u := range []struct{ what, expr string }{
		{"a frame", "SET officeFrame = :v"}, {"updatedAt", "SET updatedAt = :v"}, {"the frame removed", "REMOVE officeFrame"},
	} {
		var vals map[string]types.AttributeValue
		if u.expr[0] == 'S' {
			vals = map[string]types.AttributeValue{":v": &types.AttributeValueMemberS{Value: u.what + " 2026-12-03T10:00:00Z"}}
		}
		before := read()
		update(u.expr, vals, nil)
		if bytes.Equal(read(), before) {
			t.Errorf("%s: the digest did not change", u.what)
		}
	}
}

// TestPageCopyOfAnotherBuild: a copy whose digest is of the item as
// stored but of another build (a function deployed since) is not shown:
// the page renders and replaces it. The same copy with this build's
// digest is shown: the digest alone decides.
func TestPageCopyOfAnotherBuild(t *testing.T) {
	env := testenv.Seeded(t)
	ctx := context.Background()
	p, path := map[string]string{"surveyId": seed.SurveyID}, "/s/"+seed.SurveyID
	key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SURVEY#" + seed.SurveyID}, "sk": &types.AttributeValueMemberS{Value: "DEF"}}
	get := func(lang string) (string, string) {
		t.Helper()
		h := env.NewSurvey(t)
		env.Calls.Reset()
		resp := testenv.Page(t, h, "GET", "/s/{surveyId}", path, p, "", nil, map[string]string{"accept-language": lang})
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", lang, resp.StatusCode)
		}
		return resp.Body, strings.Join(env.Calls.Reset(), " ")
	}
	for _, lang := range []string{"de", "ar", "de", "ar", "de", "ar"} { // the frame, then the copies
		get(lang)
	}
	out, err := env.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: &env.Table, Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	copyOf := func(lang string) []byte {
		b, _ := out.Item[dynamo.PagePrefix+lang].(*types.AttributeValueMemberB)
		if b == nil {
			t.Fatalf("no copy in %s", lang)
		}
		return b.Value
	}
	build := web.BuildID()
	if build == "" {
		t.Skip("no build ID (not an ELF executable)")
	}
	if d := dynamo.CopyDigest(build, "de", out.Item); !bytes.Equal(copyOf("de")[:dynamo.DigestLen], d) {
		t.Fatalf("the stored copy's digest %x, CopyDigest %x", copyOf("de")[:dynamo.DigestLen], d)
	}
	arabic := copyOf("ar")[dynamo.DigestLen:]
	put := func(digest []byte) {
		t.Helper()
		if _, err := env.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &env.Table, Key: key,
			UpdateExpression: aws.String("SET #c = :c"), ExpressionAttributeNames: map[string]string{"#c": dynamo.PagePrefix + "de"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":c": &types.AttributeValueMemberB{Value: append(bytes.Clone(digest), arabic...)}}}); err != nil {
			t.Fatal(err)
		}
	}
	// The Arabic page under the German one's digest of another build.
	put(dynamo.CopyDigest("go-build-of-yesterday", "de", out.Item))
	if body, calls := get("de"); !strings.Contains(body, `<html lang="de"`) || calls != "GetItem UpdateItem" {
		t.Fatalf("a copy of another build: calls %s, %.200s", calls, body)
	}
	if body, calls := get("de"); !strings.Contains(body, `<html lang="de"`) || calls != "GetItem" {
		t.Fatalf("after it was replaced: calls %s, %.200s", calls, body)
	}
	// The same bytes with this build's digest: shown (by hand; no page
	// writes one of another language).
	put(dynamo.CopyDigest(build, "de", out.Item))
	if body, calls := get("de"); !strings.Contains(body, `<html lang="ar"`) || calls != "GetItem" {
		t.Fatalf("this build's digest: calls %s, %.200s", calls, body)
	}
}

// bigSurvey is a survey on one page whose German description (every
// language falls back to it) is n bytes of text that does not compress
// much (base64 of a fixed random stream).
func bigSurvey(id string, n int) *survey.Definition {
	raw := make([]byte, n*3/4)
	_, _ = rand.NewChaCha8([32]byte{byte(n)}).Read(raw)
	return &survey.Definition{Office: seed.Office, UpdatedAt: time.Now().UTC(), Settings: survey.Settings{ID: id,
		Title:       survey.Text{"de": "Große Umfrage"},
		Description: survey.Text{"de": base64.StdEncoding.EncodeToString(raw)},
		Questions:   []survey.Question{{ID: "org", Type: survey.TypeText, Label: survey.Text{"de": "Name der Organisation"}, Rules: survey.Rules{Required: true}}},
	}}
}

// TestPageCopiesOfLargeSurveys: the copies live in the definition's
// item, which DynamoDB bounds (400 KB). Copies kept in several languages
// that take the item past the size up to which copies are added are
// still answered; a survey whose item is that large already keeps none;
// a page too large to fit beside its definition is not tried again and
// again (no failed write, nothing logged); every page is answered.
func TestPageCopiesOfLargeSurveys(t *testing.T) {
	env := testenv.Seeded(t)
	ctx := context.Background()
	build := web.BuildID()
	if build == "" {
		t.Skip("no build ID (not an ELF executable)")
	}
	all := []string{"de", "ar", "en", "tr", "fa", "ru", "uk"}
	item := func(id string) (dynamo.Item, int) {
		t.Helper()
		out, err := env.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: &env.Table, ConsistentRead: aws.Bool(true),
			Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "SURVEY#" + id}, "sk": &types.AttributeValueMemberS{Value: "DEF"}}})
		if err != nil {
			t.Fatal(err)
		}
		_, size := dynamo.ItemDigest("", out.Item)
		return out.Item, size
	}
	get := func(id, lang string) (string, string) {
		t.Helper()
		h := env.NewSurvey(t)
		env.Calls.Reset()
		resp := testenv.Page(t, h, "GET", "/s/{surveyId}", "/s/"+id, map[string]string{"surveyId": id}, "", nil,
			map[string]string{"accept-language": lang, "accept-encoding": "gzip"})
		if resp.StatusCode != 200 {
			t.Fatalf("%s in %s: %d", id, lang, resp.StatusCode)
		}
		return resp.Body, strings.Join(env.Calls.Reset(), " ")
	}
	put := func(d *survey.Definition) {
		t.Helper()
		if err := env.Store.PutSurvey(ctx, d); err != nil {
			t.Fatal(err)
		}
	}

	// About 45 KB a copy: five or six languages take the item past the
	// bound; the copies kept are answered still.
	put(bigSurvey("copy-many", 60_000))
	kept := map[string][]byte{}
	for _, lang := range all {
		for range 3 {
			get("copy-many", lang)
		}
		it, _ := item("copy-many")
		if b, ok := it[dynamo.PagePrefix+lang].(*types.AttributeValueMemberB); ok {
			kept[lang] = b.Value
		}
	}
	it, size := item("copy-many")
	t.Logf("copy-many: item of %d bytes, copies in %v", size, slices.Sorted(maps.Keys(kept)))
	if size <= dynamo.MaxCopiedItem || kept["de"] == nil || kept["ar"] == nil || kept["uk"] != nil {
		t.Fatalf("copy-many: item of %d bytes, copies in %v: want the first languages' to take it past %d", size, slices.Sorted(maps.Keys(kept)), dynamo.MaxCopiedItem)
	}
	// The Arabic copy under the German one's digest (by hand): answered
	// in German only if the copy is read.
	if _, err := env.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &env.Table,
		Key:                       map[string]types.AttributeValue{"pk": it["pk"], "sk": it["sk"]},
		UpdateExpression:          aws.String("SET #c = :c"),
		ExpressionAttributeNames:  map[string]string{"#c": dynamo.PagePrefix + "de"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": &types.AttributeValueMemberB{Value: append(dynamo.CopyDigest(build, "de", it), kept["ar"][dynamo.DigestLen:]...)}}}); err != nil {
		t.Fatal(err)
	}
	if body, calls := get("copy-many", "de"); calls != "GetItem" || !strings.Contains(gunzip(t, body), `<html lang="ar"`) {
		t.Fatalf("copy-many, an item past the bound: its copy is not read (calls %s)", calls)
	}

	// An item past the bound already: no copy is kept.
	put(bigSurvey("copy-huge", 420_000))
	_, size = item("copy-huge")
	for range 3 {
		if _, calls := get("copy-huge", "de"); strings.Contains(calls, "UpdateItem") {
			t.Fatalf("copy-huge, an item of %d bytes: calls %s", size, calls)
		}
	}

	// An item under the bound with a page too large to fit beside it.
	put(bigSurvey("copy-wide", 300_000))
	_, size = item("copy-wide")
	t.Logf("copy-wide: item of %d bytes", size)
	if size > dynamo.MaxCopiedItem {
		t.Fatalf("copy-wide: item of %d bytes", size)
	}
	for range 3 {
		if _, calls := get("copy-wide", "de"); strings.Contains(calls, "UpdateItem") {
			t.Errorf("copy-wide, a page that does not fit: calls %s", calls)
		}
	}
	for _, line := range strings.Split(env.Logs.String(), "\n") {
		if strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, "page copy not kept") {
			t.Errorf("logged: %.300s", line)
		}
	}
}

// gunzip is a gzip body as API Gateway carries it (base64), unpacked.
func gunzip(t *testing.T, body string) string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
