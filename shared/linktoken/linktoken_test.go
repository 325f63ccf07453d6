package linktoken

import (
	"strings"
	"testing"
)

// TestSignedTokens: a signed token opens to its payload for its kind
// only; Peek reads the payload without the check; a changed payload or
// signature, or an overlong token, does not open.
func TestSignedTokens(t *testing.T) {
	m, err := New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	later := Later(func() []byte { return []byte("0123456789abcdef0123456789abcdef") })
	tok := m.Sign("manage-link", "treffen-2027/01JREG")
	if p, ok := m.Open("manage-link", tok); !ok || p != "treffen-2027/01JREG" {
		t.Fatalf("Open: %q %v", p, ok)
	}
	if p, ok := later.Open("manage-link", tok); !ok || p != "treffen-2027/01JREG" {
		t.Fatalf("Open with a secret read later: %q %v", p, ok)
	}
	if _, ok := m.Open("invitation", tok); ok {
		t.Error("opened for another kind")
	}
	if p, ok := Peek(tok); !ok || p != "treffen-2027/01JREG" {
		t.Errorf("Peek: %q %v", p, ok)
	}
	enc, sig, _ := strings.Cut(tok, ".")
	other := m.Sign("manage-link", "treffen-2027/01JOTHER")
	otherEnc, _, _ := strings.Cut(other, ".")
	flipped := []byte(sig)
	flipped[3] ^= 1
	for _, bad := range []string{otherEnc + "." + sig, enc + "." + string(flipped), enc, enc + ".", "." + sig, "%%." + sig,
		m.Token("manage-link", "treffen-2027/01JREG"), strings.Repeat("A", 1000) + "." + sig} {
		if _, ok := m.Open("manage-link", bad); ok {
			t.Errorf("opened %q", bad)
		}
	}
	if _, ok := Peek(strings.Repeat("A", 1030) + ".x"); ok {
		t.Error("Peek took an overlong token")
	}
}

// TestSignedTokensAreCanonical: only the token Sign made opens. Another
// spelling of the same payload (base64's unused trailing bits set, or a
// line break, which Go's decoder skips) is an edited token and does not
// open, nor does Peek read it.
func TestSignedTokensAreCanonical(t *testing.T) {
	m, err := New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for _, p := range []string{"treffen-2027/01JREG", "treffen-2027/01JREGX", "treffen-2027/01JREGXY"} {
		tok := m.Sign("manage-link", p)
		enc, sig, _ := strings.Cut(tok, ".")
		edited := []string{enc[:4] + "\n" + enc[4:] + "." + sig, enc + "\r\n." + sig}
		for _, c := range alphabet {
			if other := enc[:len(enc)-1] + string(c); other != enc {
				edited = append(edited, other+"."+sig)
			}
		}
		for _, bad := range edited {
			if q, ok := m.Open("manage-link", bad); ok {
				t.Errorf("%q: opened the edited %q as %q", tok, bad, q)
			}
			if q, ok := Peek(bad); ok && q == p {
				t.Errorf("%q: Peek read the edited %q", tok, bad)
			}
		}
	}
}
