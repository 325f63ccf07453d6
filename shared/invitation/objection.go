package invitation

import (
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/address"
	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
)

// ObjectionKind is the link-token kind of objection links (/x/{token}).
const ObjectionKind = "objection"

// ObjectionRetention is how long an objection is kept: it must outlast
// every list the office may upload again (ten years, as a complaint).
const ObjectionRetention = 10 * 365 * 24 * time.Hour

// ObjectionToken is the token of the objection link in the mails of an
// invitation: signed (HMAC under the link secret, 256 bits) over the
// invitation's kind, target and id, which it carries, so that no lookup
// item is needed and every invitation sent before has a working link.
func ObjectionToken(m *linktoken.Minter, kind Kind, targetID, id string) string {
	return m.Sign(ObjectionKind, string(kind)+"/"+targetID+"/"+id)
}

// OpenObjection returns the invitation an objection token names; false
// for a token that is not one of ours.
func OpenObjection(m *linktoken.Minter, token string) (kind Kind, targetID, id string, ok bool) {
	p, ok := m.Open(ObjectionKind, token)
	if !ok {
		return "", "", "", false
	}
	parts := strings.Split(p, "/")
	if len(parts) != 3 || (parts[0] != string(Survey) && parts[0] != string(Meeting)) || parts[1] == "" || parts[2] == "" {
		return "", "", "", false
	}
	return Kind(parts[0]), parts[1], parts[2], true
}

// PersonKey is the key under which the person behind an address is
// remembered without the address: a keyed hash (HMAC under the link
// secret) of address.Person, so that neither case nor "+tags" make
// another person. Objections and SES's suppressions use the same key
// (the mailer's PersonKey).
func PersonKey(m *linktoken.Minter, addr string) string {
	return m.Token("mailto", address.Person(addr))
}
