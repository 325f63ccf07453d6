package admin

import (
	"context"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/org"
)

// RegisterStore is the register of organisations (ORGANISATIONS.md) as
// the admin service uses it (dynamo.Orgs).
type RegisterStore interface {
	// Organisation reads a record without its history (NotFound when
	// unknown or erased); History its events, oldest first.
	Organisation(ctx context.Context, office, id string) (*org.Record, error)
	History(ctx context.Context, office, id string) ([]org.Event, error)
	// Organisations are the summaries of an office's records, by name.
	Organisations(ctx context.Context, office string, now time.Time) ([]org.Summary, error)
	// CreateOrganisation writes a new record (Conflict naming the record
	// that has its address or name).
	CreateOrganisation(ctx context.Context, r *org.Record) error
	// SaveOrganisation writes r over its version with events of its
	// history (dynamo.ErrRecordChanged when saved in between).
	SaveOrganisation(ctx context.Context, r *org.Record, evs ...org.Event) error
	// UpdateOrganisation reads, changes (fn) and saves a record, again
	// when it was saved in between.
	UpdateOrganisation(ctx context.Context, office, id string, fn func(*org.Record) ([]org.Event, error)) (*org.Record, error)
	// LinkOrganisations returns the record of each link (by address, then
	// name, else new) and adds ev(i) to each one's history.
	LinkOrganisations(ctx context.Context, office string, links []org.Link, ev func(i int) org.Event, now time.Time) ([]string, error)
	// OrganisationByAddress is the record with the contact address, "".
	OrganisationByAddress(ctx context.Context, office, email string) (string, error)
	// AddHistory writes events of a record's history.
	AddHistory(ctx context.Context, office, id string, evs ...org.Event) error
	MergeOrganisations(ctx context.Context, office, into, from string, now time.Time) (*org.Record, error)
	EraseOrganisation(ctx context.Context, office, id string, now time.Time) error
	// EraseOrganisationBy erases a record with its audit entry (actor:
	// who asked); EraseOrganisationContact erases its contact person.
	EraseOrganisationBy(ctx context.Context, office, actor, id string, now time.Time) error
	EraseOrganisationContact(ctx context.Context, office, actor, id string, now time.Time) (*org.Record, error)
	// OrganisationsStamp changes whenever the list does ("": unknown).
	OrganisationsStamp(ctx context.Context, office string) (string, error)
	// AddEvents writes one event to each record's history (by id).
	AddEvents(ctx context.Context, office string, evs map[string]org.Event) error
}
