package pages

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
	"github.com/integration-offices/netzwerk-backend/shared/ttlcache"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// A public page (no personal link, no errors) is kept in the table as
// rendered, beside its definition (a page copy, dynamo's pagecopy.go):
// a cold start that finds the copy of the definition as stored answers
// it with a new stamp, without decoding the definition or rendering. The
// first page after a change renders and keeps its copy. A survey's copy
// read is kept in memory as long as a definition is (survey.CacheTTL); a
// meeting's page reads its item on every view (its seats). No copy is
// shown past until: the moment the page would change by itself (the
// survey closes, the meeting's registration closes, the meeting starts).
//
// Two personal pages are kept too: a survey's personal link as an
// invitation not yet answered first shows it, in the survey's item with
// marks where the stamp, the link and the organisation go (survey.go's
// personalCopy; no one's data in it), and a confirmed registration's
// page in the registration's item, with a mark where the link goes
// (meeting.go's manage; dynamo's regcopy.go).

// copyVersion is the first byte of a copy; another is not read.
const copyVersion = 2

// keptCopy is a copy as read: the page, and when it stops being valid.
type keptCopy struct {
	page  *cachedPage
	until time.Time // zero: no end
}

// valid says whether the copy may still be shown at now.
func (k *keptCopy) valid(now time.Time) bool { return k.until.IsZero() || now.Before(k.until) }

// encodeCopy is the copy of page e, valid until (zero: no end): the
// version, until, the headers, the spliced page, and the CRC-32 of all
// that (a damaged copy is not read: its page would be part of one, its
// gzip stream broken); nil for a header too long to keep (none is).
func encodeCopy(e *cachedPage, until time.Time) []byte {
	sp, _ := e.page.MarshalBinary()
	b := []byte{copyVersion}
	var u int64
	if !until.IsZero() {
		u = until.UnixMilli()
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(u))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(e.headers)))
	for k, v := range e.headers { // in any order: read back into a map
		for _, s := range []string{k, v} {
			if len(s) > 0xffff {
				return nil
			}
			b = binary.LittleEndian.AppendUint16(b, uint16(len(s)))
			b = append(b, s...)
		}
	}
	b = append(b, sp...)
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// decodeCopy reads encodeCopy; false when b is no copy of this version.
func decodeCopy(b []byte) (*keptCopy, bool) {
	if len(b) < 15 || b[0] != copyVersion {
		return nil, false
	}
	if b, sum := b[:len(b)-4], b[len(b)-4:]; crc32.ChecksumIEEE(b) != binary.LittleEndian.Uint32(sum) {
		return nil, false
	}
	b = b[:len(b)-4]
	k := &keptCopy{page: &cachedPage{status: http.StatusOK, headers: map[string]string{}}}
	if u := int64(binary.LittleEndian.Uint64(b[1:])); u != 0 {
		k.until = time.UnixMilli(u)
	}
	n, rest := int(binary.LittleEndian.Uint16(b[9:])), b[11:]
	str := func() (string, bool) {
		if len(rest) < 2 || len(rest)-2 < int(binary.LittleEndian.Uint16(rest)) {
			return "", false
		}
		l := int(binary.LittleEndian.Uint16(rest))
		s := string(rest[2 : 2+l])
		rest = rest[2+l:]
		return s, true
	}
	for range n {
		name, ok1 := str()
		v, ok2 := str()
		if !ok1 || !ok2 {
			return nil, false
		}
		k.page.headers[name] = v
	}
	sp, ok := web.UnmarshalSpliced(rest)
	if !ok {
		return nil, false
	}
	k.page.page = sp
	return k, true
}

// copies are the copies a function read, by page and language.
type copies struct{ c *ttlcache.Cache[*keptCopy] }

func newCopies(ttl time.Duration) copies { return copies{ttlcache.New[*keptCopy](ttl)} }

// get is the copy of page id in lang read less than the TTL before now
// and valid at now, or nil.
func (c copies) get(id, lang string, now time.Time) *keptCopy {
	k, ok := c.c.Get(id+"\x00"+lang, now)
	if !ok || !k.valid(now) {
		return nil
	}
	return k
}

// read decodes a copy read with its definition and keeps it; nil when it
// is not one this code reads or no longer valid (the caller renders).
func (c copies) read(id, lang string, b []byte, now time.Time) *keptCopy {
	k, ok := decodeCopy(b)
	if !ok || !k.valid(now) {
		return nil
	}
	c.c.Put(id+"\x00"+lang, k, now)
	return k
}

// keep writes the copy of page e; a failure is logged (no personal data
// is in it), the page is answered all the same.
func keep(ctx context.Context, log *slog.Logger, e *cachedPage, until time.Time, put func([]byte) error) {
	b := encodeCopy(e, until)
	if b == nil {
		return
	}
	if err := put(b); err != nil {
		log.WarnContext(ctx, "page copy not kept", "err", err)
	}
}

// keeping counts the copies that keepAfter is writing.
var keeping sync.WaitGroup

// copyWriteTimeout bounds a copy's write after its page was answered.
const copyWriteTimeout = 10 * time.Second

// keepAfter writes the copy of page e as keep does, but in the background:
// the page is answered without waiting for the write (a registration's
// link, whose copy is written at the first view after every change of it,
// its meeting or the build: in a cold start, that write was a third of
// the answer's time). In Lambda the write's request is on its way while
// the answer is posted; if the environment is frozen first, the write goes
// on at the next thaw, where it may fail for its deadline or its
// signature's age (a warning), and if the environment is never thawed, it
// is lost: a later view renders the page again. Either way the write's condition
// (the registration as it was read: dynamo's PutRegistrationCopy) keeps a
// copy out of a registration that changed meanwhile. Its context outlives
// the request's.
func keepAfter(ctx context.Context, log *slog.Logger, e *cachedPage, until time.Time, put func(context.Context, []byte) error) {
	b := encodeCopy(e, until)
	if b == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	keeping.Add(1)
	go func() {
		defer keeping.Done()
		ctx, cancel := context.WithTimeout(ctx, copyWriteTimeout)
		defer cancel()
		if err := put(ctx, b); err != nil {
			log.WarnContext(ctx, "page copy not kept", "err", err)
		}
	}()
}

// WaitKept waits for the copies being written in the background
// (keepAfter): for tests, which look at the table after a page.
func WaitKept() { keeping.Wait() }

// respond answers a copy as its page (cachedPage.respond).
func (k *keptCopy) respond(req *httpapi.Request, vs ...string) httpapi.Response {
	return k.page.respond(req, vs...)
}

// CopyText is the page a stored copy b holds, its marks left empty, and
// whether b is one: to see what a copy keeps (and what it does not).
func CopyText(b []byte) (string, bool) {
	k, ok := decodeCopy(b)
	if !ok {
		return "", false
	}
	return k.page.page.Body(), true
}
