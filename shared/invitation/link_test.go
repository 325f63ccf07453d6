package invitation

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
)

// finder is an in-memory Finder: invitations by key and the token items
// of links of the token alone.
type finder struct {
	invs   map[string]*Invitation // kind/target/id
	tokens map[string]*Invitation // token hash
	err    error
	reads  []string
}

func (f *finder) Invitation(_ context.Context, kind Kind, target, id string) (*Invitation, error) {
	f.reads = append(f.reads, "invitation")
	if f.err != nil {
		return nil, f.err
	}
	if v := f.invs[string(kind)+"/"+target+"/"+id]; v != nil {
		return v, nil
	}
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

func (f *finder) InvitationByToken(_ context.Context, hash string) (*Invitation, error) {
	f.reads = append(f.reads, "token")
	if f.err != nil {
		return nil, f.err
	}
	if v := f.tokens[hash]; v != nil {
		return v, nil
	}
	return nil, apperr.New(apperr.NotFound, "invitation_unknown")
}

// TestLinksNameTheirInvitation: a link names its invitation and carries
// its token; Split takes it apart, and takes anything else as a token
// alone (links mailed before).
func TestLinksNameTheirInvitation(t *testing.T) {
	m, err := linktoken.New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	id := ID(Survey, "needs-2027", "info@kulturbruecke.example")
	link := Link(m, id)
	if gotID, tok := Split(link); gotID != id || tok != m.Token(TokenKind, id) {
		t.Fatalf("Split(%q) = %q, %q", link, gotID, tok)
	}
	for _, tok := range []string{m.Token(TokenKind, id), "", "made-up", "." + m.Token(TokenKind, id),
		strings.ToUpper(id) + ".x", id[:23] + ".x", id + "a.x", strings.Replace(id, id[:1], "1", 1) + ".x", "ä" + id[2:] + ".x"} {
		if gotID, gotTok := Split(tok); gotID != "" || gotTok != tok {
			t.Errorf("Split(%q) = %q, %q; want a token alone", tok, gotID, gotTok)
		}
	}
}

// TestResolve: a link that names its invitation is read by its key and
// holds only with the invitation's token; a token alone is looked up by
// its hash; neither holds for another survey or meeting, nor for an
// invitation without a link (planned).
func TestResolve(t *testing.T) {
	ctx := context.Background()
	m, err := linktoken.New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	inv := func(kind Kind, target, email string) *Invitation {
		id := ID(kind, target, email)
		return &Invitation{ID: id, Kind: kind, TargetID: target, Status: Invited, TokenHash: linktoken.Hash(m.Token(TokenKind, id))}
	}
	a, b := inv(Survey, "s1", "a@x.example"), inv(Survey, "s1", "b@x.example")
	planned := inv(Survey, "s1", "p@x.example")
	planned.TokenHash, planned.Status = "", Planned
	meet := inv(Meeting, "m1", "a@x.example")
	f := &finder{invs: map[string]*Invitation{}, tokens: map[string]*Invitation{}}
	for _, v := range []*Invitation{a, b, planned, meet} {
		f.invs[string(v.Kind)+"/"+v.TargetID+"/"+v.ID] = v
		if v.TokenHash != "" {
			f.tokens[v.TokenHash] = v
		}
	}
	tokenOf := func(v *Invitation) string { return m.Token(TokenKind, v.ID) }
	for _, c := range []struct {
		name, target, link string
		kind               Kind
		want               *Invitation
		reads              string
	}{
		{"a link naming its invitation", "s1", Link(m, a.ID), Survey, a, "invitation"},
		{"a token alone, mailed before", "s1", tokenOf(a), Survey, a, "token"},
		{"a meeting's link", "m1", Link(m, meet.ID), Meeting, meet, "invitation"},
		{"another's token with the id", "s1", a.ID + "." + tokenOf(b), Survey, nil, "invitation"},
		{"a made-up token with the id", "s1", a.ID + ".made-up", Survey, nil, "invitation"},
		{"the id without a token", "s1", a.ID + ".", Survey, nil, "invitation"},
		{"for another survey", "s2", Link(m, a.ID), Survey, nil, "invitation"},
		{"a token for another survey", "s2", tokenOf(a), Survey, nil, "token"},
		{"a survey's link for a meeting", "s1", Link(m, a.ID), Meeting, nil, "invitation"},
		{"a planned invitation's", "s1", Link(m, planned.ID), Survey, nil, "invitation"},
		{"a planned invitation's token", "s1", tokenOf(planned), Survey, nil, "token"},
		{"an unknown id", "s1", Link(m, ID(Survey, "s1", "z@x.example")), Survey, nil, "invitation"},
	} {
		f.reads = nil
		got, err := Resolve(ctx, f, c.kind, c.target, c.link)
		if err != nil || got != c.want || strings.Join(f.reads, ",") != c.reads {
			t.Errorf("%s: %v, %v after reads %v; want %v after %s", c.name, got, err, f.reads, c.want, c.reads)
		}
	}
	f.err = errors.New("throttled")
	if _, err := Resolve(ctx, f, Survey, "s1", Link(m, a.ID)); err == nil {
		t.Error("a failed read resolved")
	}
}
