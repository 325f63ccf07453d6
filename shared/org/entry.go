package org

import (
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/linktoken"
)

// Entry is a record as the directory shows it (ORGANISATIONS.md,
// "Directory"): only the public fields an organisation consented to
// publish; never the contact person or the contact address.
type Entry struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Municipality  string   `json:"municipality,omitempty"`
	Website       string   `json:"website,omitempty"`
	PublicContact string   `json:"publicContact,omitempty"`
	Fields        []string `json:"fields,omitempty"`
	Languages     []string `json:"languages,omitempty"`
	Offers        []string `json:"offers,omitempty"`
	Seeks         []string `json:"seeks,omitempty"`
	OffersText    string   `json:"offersText,omitempty"`
	SeeksText     string   `json:"seeksText,omitempty"`
}

// Entry is r's directory entry (whether r is published or not: see
// Published).
func (r *Record) Entry() Entry {
	return Entry{ID: r.ID, Name: r.Name, Municipality: r.Municipality, Website: r.Website, PublicContact: r.PublicContact,
		Fields: r.Fields, Languages: r.Languages, Offers: r.Offers, Seeks: r.Seeks, OffersText: r.OffersText, SeeksText: r.SeeksText}
}

// EntryTokenKind is the link-token kind of check-your-entry links
// (/e/{token}).
const EntryTokenKind = "entry"

// EntryCheckYear is how long after its creation or last check a record's
// organisation is asked again to check its entry.
const EntryCheckYear = 365 * 24 * time.Hour

// EntryLinkDays is how long a check-your-entry link works.
const EntryLinkDays = 60

// EntryToken is the token of the link of check-your-entry mail mailID
// (its outbox id, with or without "OUTBOX#"): the mailer rebuilds it from
// the mail, the table keeps only its hash.
func EntryToken(tokens *linktoken.Minter, mailID string) string {
	return tokens.Token(EntryTokenKind, strings.TrimPrefix(mailID, "OUTBOX#"))
}

// DueCheck is a record whose yearly check-your-entry mail is due.
type DueCheck struct {
	Office, ID string
	Due        time.Time
}
