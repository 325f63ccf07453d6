package httpapi_test

import (
	"context"
	"encoding/base64"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// regGate holds a cold function's read of the meeting's definition until
// the read of a registration has started, or a while has passed: it
// tells whether the two were made at once.
type regGate struct {
	mu     sync.Mutex
	seen   chan struct{}
	once   sync.Once
	armed  bool // while a page is opened
	beside bool
	tokens int // reads of a token item
}

func (g *regGate) option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("regGate",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				g.mu.Lock()
				armed := g.armed
				g.mu.Unlock()
				if get, ok := in.Parameters.(*dynamodb.GetItemInput); ok && armed {
					pk, _ := get.Key["pk"].(*types.AttributeValueMemberS)
					sk, _ := get.Key["sk"].(*types.AttributeValueMemberS)
					switch {
					case pk != nil && sk != nil && pk.Value == "MEETING#"+seed.MeetingID && sk.Value == "DEF":
						g.mu.Lock()
						seen := g.seen
						g.mu.Unlock()
						select {
						case <-seen:
							g.mu.Lock()
							g.beside = true
							g.mu.Unlock()
						case <-time.After(5 * time.Second):
						}
					case sk != nil && strings.HasPrefix(sk.Value, "REG#"):
						g.mu.Lock()
						once, seen := &g.once, g.seen
						g.mu.Unlock()
						once.Do(func() { close(seen) })
					case pk != nil && strings.HasPrefix(pk.Value, "TOKEN#"):
						g.mu.Lock()
						g.tokens++
						g.mu.Unlock()
					}
				}
				return next.HandleInitialize(ctx, in)
			}), middleware.Before)
	})
}

// TestManageLinkReadsOnce: the manage link of a registration names its
// meeting and registration, signed (meeting.ManageToken), so a cold page
// of it reads the two at once and looks nothing up before; a link made
// before it (a bare HMAC) still opens its page through its token item.
func TestManageLinkReadsOnce(t *testing.T) {
	g := &regGate{seen: make(chan struct{})}
	env := testenv.Seeded(t, testenv.Client(g.option))
	a := meetingAPIOn(t, env, 20)
	yes := true
	res, err := meeting.NewService(env.Store, env.Tokens, env.Clock.Now).Register(context.Background(), seed.MeetingID, &meeting.Request{
		Name: "Oksana Kovalenko", Email: "oksana@verein.example", Organisation: "Ukrainischer Verein Світанок", Language: "uk",
		Consent: &meeting.Consent{Privacy: &yes}}, "uk", nil)
	if err != nil {
		t.Fatal(err)
	}
	token := meeting.ManageToken(env.Tokens, seed.MeetingID, res.RegistrationID)
	if !strings.Contains(token, ".") || strings.Contains(token, res.RegistrationID) {
		t.Fatalf("token %q: want the names in base64url, a dot and their signature", token)
	}
	for _, path := range []string{"/r/" + token, "/r/" + env.Tokens.Token(meeting.TokenKind, res.RegistrationID)} {
		h := env.NewMeeting(t)
		g.mu.Lock()
		g.armed, g.beside, g.tokens, g.seen, g.once = true, false, 0, make(chan struct{}), sync.Once{}
		g.mu.Unlock()
		resp, err := h(context.Background(), pageEvent(t, path))
		if err != nil || resp.StatusCode != 200 || !strings.Contains(resp.Body, "Oksana Kovalenko") {
			t.Fatalf("%s: %d %v", path, resp.StatusCode, err)
		}
		waitKept()
		g.mu.Lock()
		signed, beside, tokens := strings.Contains(path, "."), g.beside, g.tokens
		g.armed = false
		g.mu.Unlock()
		if !beside {
			t.Errorf("%s: the meeting was read before the registration's read started", path)
		}
		if signed && tokens != 0 || !signed && tokens != 1 {
			t.Errorf("%s: %d reads of a token item", path, tokens)
		}
	}

	// The API takes the same link, and cancels through it.
	if status, body := a.do(t, "GET", "/registrations/{token}", "token", token, "", nil); status != 200 || !strings.Contains(body, `"confirmed"`) {
		t.Fatalf("GET: %d %s", status, body)
	}
	if status, body := a.do(t, "DELETE", "/registrations/{token}", "token", token, "", nil); status != 200 || !strings.Contains(body, `"cancelled"`) {
		t.Fatalf("DELETE: %d %s", status, body)
	}
}

// TestManageLinkForgedIsUnknown: a signed link whose names or signature
// were changed, one signed for something else, and one naming a
// registration of another meeting are unknown (404, the same answer as
// any unknown link), and nothing is written.
func TestManageLinkForgedIsUnknown(t *testing.T) {
	a, id, good := registeredLink(t)
	names, sig, _ := strings.Cut(good, ".")
	other := meeting.ManageToken(a.Tokens, "another-meeting", id)
	_, otherSig, _ := strings.Cut(other, ".")
	flip := func(s string) string {
		b := []byte(s)
		b[len(b)/2] ^= 1
		return string(b)
	}
	enc := base64.RawURLEncoding.EncodeToString
	forged := []string{
		names + "." + flip(sig),                                                                        // the signature changed
		enc([]byte("another-meeting/"+id)) + "." + sig,                                                 // the names changed
		enc([]byte("another-meeting/"+id)) + "." + otherSig,                                            // another meeting's, signed: its registration is not there
		enc([]byte(seed.MeetingID+"/"+id)) + "." + a.Tokens.Token("invitation", seed.MeetingID+"/"+id), // signed for something else
		enc([]byte(seed.MeetingID)) + "." + a.Tokens.Token("manage-link", seed.MeetingID),              // no registration named
		"." + sig, names + ".", ".", "%%%.%%%",
	}
	_, unknown := a.do(t, "GET", "/registrations/{token}", "token", "does-not-exist", "", nil)
	for i, tok := range forged {
		for _, m := range []string{"GET", "DELETE"} {
			a.Calls.Reset()
			status, body := a.do(t, m, "/registrations/{token}", "token", tok, "", nil)
			if status != 404 || body != unknown {
				t.Fatalf("%d %s %q: %d %s", i, m, tok, status, body)
			}
			for _, op := range a.Calls.Reset() {
				if op != "GetItem" {
					t.Errorf("%d %s: %s", i, m, op)
				}
			}
		}
	}
	if status, body := a.do(t, "GET", "/registrations/{token}", "token", good, "", nil); status != 200 {
		t.Fatalf("the good link: %d %s", status, body)
	}
}

// registeredLink is a meeting function with one registration through
// its API: the registration's id and its manage link's token.
func registeredLink(t *testing.T) (a *meetingAPI, id, token string) {
	t.Helper()
	a = newMeetingAPI(t, 5)
	status, body := a.register(t, `{"name":"Ayşe Yılmaz","email":"ayse@verein.example","language":"de","consent":{"privacy":true}}`, nil)
	if status != 201 {
		t.Fatalf("register: %d %s", status, body)
	}
	id = between(body, `"registrationId":"`, `"`)
	return a, id, meeting.ManageToken(a.Tokens, seed.MeetingID, id)
}

// between is the text of s between the first before and the after that
// follows it.
func between(s, before, after string) string {
	_, s, _ = strings.Cut(s, before)
	s, _, _ = strings.Cut(s, after)
	return s
}

// TestManageLinkReadsWhileTheSecretComes: at a cold start in AWS the
// link secret may still be on its way from Secrets Manager. A manage
// link's reads start meanwhile, and the page waits for the signature's
// check; a forged link is still unknown.
func TestManageLinkReadsWhileTheSecretComes(t *testing.T) {
	g := &regGate{seen: make(chan struct{})}
	env := testenv.Seeded(t, testenv.Client(g.option))
	a := meetingAPIOn(t, env, 20)
	status, body := a.register(t, `{"name":"Dilan Aydın","email":"dilan@verein.example","language":"tr","consent":{"privacy":true}}`, nil)
	if status != 201 {
		t.Fatalf("register: %d %s", status, body)
	}
	id := between(body, `"registrationId":"`, `"`)
	g.mu.Lock()
	g.armed = true
	seen := g.seen
	g.mu.Unlock()
	tokens := linktoken.Later(func() []byte {
		select {
		case <-seen:
		case <-time.After(5 * time.Second):
			t.Error("the reads waited for the secret")
		}
		return testenv.Secret
	})
	svc := meeting.NewService(env.Store, tokens, env.Clock.Now)
	svc.Offices = office.NewCache(env.Store.Offices.Office, env.Clock.Now)
	o, err := svc.Owned(context.Background(), meeting.ManageToken(env.Tokens, seed.MeetingID, id), "tr")
	if err != nil || o.Name != "Dilan Aydın" {
		t.Fatalf("%v %+v", err, o)
	}
	forged := meeting.ManageToken(env.Tokens, seed.MeetingID, id+"x")
	if _, err := svc.Owned(context.Background(), forged[:len(forged)-2]+"AA", "tr"); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("forged: %v", err)
	}
}

// TestManageLinkEditedIsUnknown: a manage link opens only as it was
// mailed. The same names spelled otherwise (base64's unused trailing
// bits set, a line break that Go's decoder skips) are an edited link:
// unknown, on the page and through the API, and nothing is cancelled.
func TestManageLinkEditedIsUnknown(t *testing.T) {
	a, id, good := registeredLink(t)
	names, sig, _ := strings.Cut(good, ".")
	edited := []string{names[:4] + "\n" + names[4:] + "." + sig, names + "\r\n." + sig}
	payload := seed.MeetingID + "/" + id
	for _, c := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" {
		other := names[:len(names)-1] + string(c)
		if b, err := base64.RawURLEncoding.DecodeString(other); other != names && err == nil && string(b) == payload {
			edited = append(edited, other+"."+sig)
		}
	}
	_, unknown := a.do(t, "GET", "/registrations/{token}", "token", "does-not-exist", "", nil)
	for _, tok := range edited {
		for _, m := range []string{"GET", "DELETE"} {
			if status, body := a.do(t, m, "/registrations/{token}", "token", tok, "", nil); status != 404 || body != unknown {
				t.Errorf("%s %q: %d %s", m, tok, status, body)
			}
		}
	}
	if status, body := a.do(t, "GET", "/registrations/{token}", "token", good, "", nil); status != 200 || !strings.Contains(body, `"confirmed"`) {
		t.Fatalf("the good link: %d %s", status, body)
	}
}

// TestManageLinkMalformedNamesReadNothing: the names in a link are read
// before its signature is checked, so names that cannot be ids (a key's
// separator, bytes that are not UTF-8, an overlong name) must not reach a
// key (validation.ValidID: "checked before any store call"): such a link
// is unknown without a call to the table.
func TestManageLinkMalformedNamesReadNothing(t *testing.T) {
	a := newMeetingAPI(t, 5)
	enc := base64.RawURLEncoding.EncodeToString
	_, unknown := a.do(t, "GET", "/registrations/{token}", "token", "does-not-exist", "", nil)
	for _, names := range []string{seed.MeetingID + "#DEF/01JREG", seed.MeetingID + "/REG#x", "\xff\xfe/01JREG", strings.Repeat("m", 700) + "/01JREG"} {
		tok := enc([]byte(names)) + "." + a.Tokens.Token("manage-link", "x")
		a.Calls.Reset()
		if status, body := a.do(t, "GET", "/registrations/{token}", "token", tok, "", nil); status != 404 || body != unknown {
			t.Errorf("%q: %d %s", names, status, body)
		}
		time.Sleep(200 * time.Millisecond) // the reads run beside the check and may outlive the answer
		if ops := a.Calls.Reset(); len(ops) != 0 {
			t.Errorf("%q: a forged link's malformed names reached the table: %v", names, ops)
		}
	}
}
