package admin

import (
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
)

// TestCheckMessageSubjectLine: a subject with a line break (a forged
// post's header injection) is refused, saying it must be one line, not
// that its length is wrong.
func TestCheckMessageSubjectLine(t *testing.T) {
	in := MessageInput{Recipients: meeting.ToAll, Subject: i18n.Text{"de": "Hallo\r\nBcc: x@example.org"}, Text: i18n.Text{"de": "Text"}}
	e := apperr.As(CheckMessage(in, "de"))
	if e == nil || len(e.Fields) != 1 || e.Fields[0].Field != "subject.de" || e.Fields[0].Code != "line" || !strings.Contains(e.Fields[0].Message, "eine Zeile") {
		t.Fatalf("a subject with a line break: %+v", e)
	}
	in.Subject = i18n.Text{"de": strings.Repeat("x", meeting.MaxSubject+1)}
	if e := apperr.As(CheckMessage(in, "de")); e == nil || len(e.Fields) != 1 || e.Fields[0].Code != "max" {
		t.Fatalf("a long subject: %+v", e)
	}
}
