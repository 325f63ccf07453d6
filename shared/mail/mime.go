package mail

import (
	"bytes"
	"fmt"
	"io"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"github.com/integration-offices/netzwerk-backend/shared/outbox"
)

// Envelope says who sends to whom.
type Envelope struct {
	From     string // address
	FromName string
	ReplyTo  string // optional
	To       string // address
	ToName   string
	Domain   string // for Message-ID
	// Ref names what the mail was sent for (the outbox id): SES's bounce
	// and complaint events carry the header back (outbox.RefHeader).
	Ref string
}

// Build returns the raw MIME message: multipart/mixed with a
// multipart/alternative (text, HTML) and, if given, the iCalendar part.
// Header values are encoded by go-message (RFC 2047) and stripped of line
// breaks first, so no name or subject can add headers.
func Build(env Envelope, r *Rendered, icsMethod string, ics []byte, now time.Time) ([]byte, error) {
	var h gomail.Header
	h.SetDate(now)
	h.SetAddressList("From", []*gomail.Address{{Name: oneLine(env.FromName), Address: env.From}})
	h.SetAddressList("To", []*gomail.Address{{Name: oneLine(env.ToName), Address: env.To}})
	if env.ReplyTo != "" {
		h.SetAddressList("Reply-To", []*gomail.Address{{Address: env.ReplyTo}})
	}
	h.SetSubject(oneLine(r.Subject))
	h.Set("Content-Language", r.Lang)
	if err := h.GenerateMessageIDWithHostname(env.Domain); err != nil {
		return nil, fmt.Errorf("message id: %w", err)
	}
	h.Set("Auto-Submitted", "auto-generated")
	if env.Ref != "" {
		h.Set(outbox.RefHeader, oneLine(env.Ref))
	}
	var buf bytes.Buffer
	w, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("mime writer: %w", err)
	}
	alt, err := w.CreateInline()
	if err != nil {
		return nil, err
	}
	for _, p := range []struct{ ct, body string }{{"text/plain", r.Text}, {"text/html", r.HTML}} {
		var ph gomail.InlineHeader
		ph.SetContentType(p.ct, map[string]string{"charset": "utf-8"})
		if err := writePart(func() (io.WriteCloser, error) { return alt.CreatePart(ph) }, []byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := alt.Close(); err != nil {
		return nil, err
	}
	if ics != nil {
		var ah gomail.AttachmentHeader
		ah.SetContentType("text/calendar", map[string]string{"charset": "utf-8", "method": icsMethod})
		ah.SetFilename("invite.ics")
		if err := writePart(func() (io.WriteCloser, error) { return w.CreateAttachment(ah) }, ics); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writePart(create func() (io.WriteCloser, error), body []byte) error {
	pw, err := create()
	if err != nil {
		return fmt.Errorf("mime part: %w", err)
	}
	if _, err := pw.Write(body); err != nil {
		return fmt.Errorf("mime part: %w", err)
	}
	return pw.Close()
}
