package testenv

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Mail is a message the local SES server received, as it parsed it.
type Mail struct {
	From        string
	Subject     string
	Destination struct{ To []string }
	Body        struct{ Text, HTML string }
	Attachments []struct {
		ContentType string `json:"contentType"`
		Filename    string `json:"filename"`
	}
}

// Inbox returns the messages the local SES server received for addresses
// of domain (each test mails a domain of its own: the server is shared).
func Inbox(t testing.TB, domain string) []Mail {
	t.Helper()
	resp, err := http.Get(SESURL(t) + "/store")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var store struct{ Emails []Mail }
	if err := json.NewDecoder(resp.Body).Decode(&store); err != nil {
		t.Fatal(err)
	}
	var out []Mail
	for _, m := range store.Emails {
		if len(m.Destination.To) > 0 && strings.Contains(m.Destination.To[0], "@"+domain) {
			out = append(out, m)
		}
	}
	return out
}
