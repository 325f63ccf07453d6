package org

import (
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// TakeAnswer takes a survey answer into the record: the answers to the
// questions bound to its fields (a question's profile; only questions
// asked and answered), the directory consent from the answer's
// consent.publishProfile with the privacy notice's version, and returns
// the history's event (Ref: the answer's id). The same answer twice
// changes nothing more.
func (r *Record) TakeAnswer(d *survey.Definition, resp *survey.Response, ref string) Event {
	asked := d.Asked(resp.Answers)
	for i := range d.Questions {
		q := &d.Questions[i]
		v, ok := resp.Answers[q.ID]
		if q.Profile == "" || !ok || !asked[q.ID] {
			continue
		}
		text, _ := v.(string)
		text = strings.TrimSpace(text)
		codes, _ := v.([]string)
		switch q.Profile {
		case survey.ProfileName:
			r.Rename(text)
		case "email":
			if text != "" && !strings.EqualFold(text, r.Contact.Email) {
				// A new address is a fresh start: not stale, not bounced.
				r.Contact.Email, r.Contact.Stale = text, false
				if r.State == ContactBounced {
					r.State = Active
				}
			}
		case "contact":
			setText(&r.Contact.Person, text)
		case "municipality":
			setText(&r.Municipality, text)
		case "website":
			setText(&r.Website, text)
		case "fields":
			r.Fields = codes
		case "languages":
			r.Languages = codes
		case "offers":
			r.Offers = codes
		case "seeks":
			r.Seeks = codes
		}
	}
	if resp.Language != "" && r.Contact.Language == "" {
		r.Contact.Language = resp.Language
	}
	if c := (Consent{Publish: resp.Consent.PublishProfile, Notice: resp.NoticeVersion, At: resp.SubmittedAt, By: "answer"}); !resp.SubmittedAt.Before(r.Consent.At) {
		// A later consent (an entry check, an office's edit) stays.
		r.Consent = c
	}
	if ref == "" {
		ref = resp.ID
	}
	return Event{At: resp.SubmittedAt, Kind: Answered, Target: "survey", TargetID: resp.SurveyID, Ref: ref}
}

func setText(dst *string, s string) {
	if s != "" {
		*dst = s
	}
}

// RegistrationEvents are the history's events of a meeting registration:
// registered (at when it was made), and cancelled (at cancelled) when it
// was.
func RegistrationEvents(meetingID, registrationID string, at time.Time, cancelled *time.Time) []Event {
	evs := []Event{{At: at, Kind: Registered, Target: "meeting", TargetID: meetingID, Ref: registrationID}}
	if cancelled != nil {
		evs = append(evs, Event{At: *cancelled, Kind: Cancelled, Target: "meeting", TargetID: meetingID, Ref: registrationID})
	}
	return evs
}
