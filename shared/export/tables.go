package export

import (
	"strconv"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Options shape an export.
type Options struct {
	Dialect Dialect
	Labels  bool   // header row with human labels instead of stable codes
	Lang    string // language of labels
	Zone    *time.Location
}

// column labels of the fixed columns, per language.
var fixedLabels = map[string]map[string]string{
	"de": {
		"responseId": "Antwort-ID", "submittedAt": "Eingegangen am", "language": "Sprache", "invitationId": "Einladung",
		"consent.privacy": "Datenschutz zugestimmt", "consent.publishProfile": "Veröffentlichung erlaubt",
		"consent.contactForMeetings": "Kontakt für Treffen erlaubt", "consent.photos": "Fotos erlaubt",
		"registrationId": "Anmelde-ID", "createdAt": "Angemeldet am", "status": "Status", "waitlistPosition": "Wartelistenplatz",
		"name": "Name", "email": "E-Mail", "organisation": "Organisation", "role": "Funktion",
		"needs.accessibility": "Barrierefreiheit", "needs.interpretation": "Dolmetschen", "needs.dietary": "Verpflegung",
	},
	"en": {
		"responseId": "Response ID", "submittedAt": "Submitted at", "language": "Language", "invitationId": "Invitation",
		"consent.privacy": "Privacy accepted", "consent.publishProfile": "May be published",
		"consent.contactForMeetings": "May be contacted for meetings", "consent.photos": "Photos allowed",
		"registrationId": "Registration ID", "createdAt": "Registered at", "status": "Status", "waitlistPosition": "Waitlist position",
		"name": "Name", "email": "Email", "organisation": "Organisation", "role": "Role",
		"needs.accessibility": "Accessibility", "needs.interpretation": "Interpretation", "needs.dietary": "Dietary",
	},
}

func (o Options) label(code string) string {
	if !o.Labels {
		return code
	}
	if l, ok := fixedLabels[o.Lang][code]; ok {
		return l
	}
	return fixedLabels[i18n.Default][code]
}

func (o Options) time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(o.Zone).Format("2006-01-02 15:04:05")
}

func (o Options) bool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (o Options) number(v any) string {
	var s string
	switch n := v.(type) {
	case float64:
		s = strconv.FormatFloat(n, 'f', -1, 64)
	case int:
		s = strconv.Itoa(n)
	case int64:
		s = strconv.FormatInt(n, 10)
	default:
		return ""
	}
	if o.Dialect.DecimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

var responseFixed = []string{"responseId", "submittedAt", "language", "invitationId"}
var responseConsent = []string{"consent.privacy", "consent.publishProfile", "consent.contactForMeetings"}

// ResponseHeader is the header row of a responses export: fixed columns,
// one column per question, one 0/1 column per option of a multiple-choice
// question (`<question>.<option>`), then the consents.
func ResponseHeader(d *survey.Definition, o Options) []string {
	var h []string
	for _, c := range responseFixed {
		h = append(h, o.label(c))
	}
	for _, q := range d.Questions {
		if q.Type == survey.TypeMultipleChoice {
			for _, opt := range q.Options {
				if o.Labels {
					h = append(h, q.Label.In(o.Lang)+": "+opt.Label.In(o.Lang))
				} else {
					h = append(h, q.ID+"."+opt.Code)
				}
			}
			continue
		}
		if o.Labels {
			h = append(h, q.Label.In(o.Lang))
		} else {
			h = append(h, q.ID)
		}
	}
	for _, c := range responseConsent {
		h = append(h, o.label(c))
	}
	return h
}

// ResponseRow is one response in the columns of ResponseHeader, appended
// to row (reused between rows).
func ResponseRow(row []string, d *survey.Definition, r *survey.Response, o Options) []string {
	row = append(row[:0], r.ID, o.time(r.SubmittedAt), r.Language, r.InvitationID)
	for _, q := range d.Questions {
		v := r.Answers[q.ID]
		switch q.Type {
		case survey.TypeMultipleChoice:
			chosen := map[string]bool{}
			if list, ok := v.([]any); ok {
				for _, c := range list {
					if s, ok := c.(string); ok {
						chosen[s] = true
					}
				}
			}
			if list, ok := v.([]string); ok {
				for _, s := range list {
					chosen[s] = true
				}
			}
			for _, opt := range q.Options {
				row = append(row, o.bool(chosen[opt.Code]))
			}
		case survey.TypeNumber, survey.TypeScale:
			row = append(row, o.number(v))
		case survey.TypeYesNo:
			if b, ok := v.(bool); ok {
				row = append(row, o.bool(b))
			} else {
				row = append(row, "")
			}
		default:
			s, _ := v.(string)
			row = append(row, s)
		}
	}
	privacy := r.Consent.Privacy != nil && *r.Consent.Privacy
	return append(row, o.bool(privacy), o.bool(r.Consent.PublishProfile), o.bool(r.Consent.ContactForMeetings))
}

var registrationColumns = []string{"registrationId", "createdAt", "status", "waitlistPosition", "name", "email",
	"organisation", "role", "language", "needs.accessibility", "needs.interpretation", "needs.dietary",
	"consent.photos", "invitationId"}

// RegistrationHeader is the header row of a registrations export: what a
// sign-in sheet and the catering need.
func RegistrationHeader(o Options) []string {
	h := make([]string, len(registrationColumns))
	for i, c := range registrationColumns {
		h[i] = o.label(c)
	}
	return h
}

// RegistrationRow is one registration; position is its current waitlist
// place (0 when not waitlisted).
func RegistrationRow(row []string, r *meeting.Registration, position int, o Options) []string {
	pos := ""
	if position > 0 {
		pos = strconv.Itoa(position)
	}
	return append(row[:0], r.ID, o.time(r.CreatedAt), string(r.Status), pos, r.Name, r.Email, r.Organisation,
		r.Role, r.Language, r.Needs.Accessibility, r.Needs.Interpretation, r.Needs.Dietary, o.bool(r.Consent.Photos),
		r.InvitationID)
}
