package console

import (
	"context"
	"net/http"
	"strconv"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

// unlinkedPath is the page of public answers and registrations to link
// to the office's records (ORGANISATIONS.md: "public ones are offered
// for linking in the console").
const unlinkedPath = "/console/organisations/unlinked"

// newRecord is the choice of a new record.
const newRecord = "new"

// unlinkedRow is one answer or registration with its form's choice.
type unlinkedRow struct {
	admin.Unlinked
	What   string // "Answer to … of …"
	Choice web.Input
	Stamp  string
}

// unlinked lists the public answers and registrations not linked yet,
// each with a choice of record: those of its name first (suggested),
// then a new record, then every record.
func (c *Console) unlinked(ctx context.Context, s *Session, req *Request, lang string) (Response, error) {
	list, records, err := c.svc.Unlinked(ctx, s.Coordinator, lang)
	if err != nil {
		return Response{}, err
	}
	v := struct {
		base
		Rows   []unlinkedRow
		Linked int
	}{base: withLang(c.base(s, lang, "console.unlinked_title", unlinkedPath), req), Linked: flashInt(req, "linked")}
	for i, u := range list {
		row := unlinkedRow{Unlinked: u, Stamp: v.StampFor(unlinkedPath)}
		key := "console.unlinked_answer"
		if u.Kind == "meeting" {
			key = "console.unlinked_registration"
		}
		row.What = i18n.T(lang, key, i18n.Isolate(lang, u.Title), i18n.Isolate(lang, u.At.In(c.svc.Zone).Format("2006-01-02")))
		in := web.Input{Lang: lang, ID: "org-" + strconv.Itoa(i), Name: "organisation", Label: i18n.T(lang, "console.unlinked_record")}
		suggested := map[string]bool{}
		for _, r := range u.Suggested {
			suggested[r.ID] = true
			in.Options = append(in.Options, web.Option{Code: r.ID, Label: i18n.T(lang, "console.unlinked_suggested", r.Name)})
		}
		in.Options = append(in.Options, web.Option{Code: newRecord, Label: i18n.T(lang, "console.unlinked_new", u.Organisation)})
		for _, r := range records {
			if !suggested[r.ID] { // each record once: a select shows its last selected option
				in.Options = append(in.Options, web.Option{Code: r.ID, Label: r.Name})
			}
		}
		in.Value = in.Options[0].Code
		row.Choice = in
		v.Rows = append(v.Rows, row)
	}
	return pages.Render(http.StatusOK, "unlinked.html", lang, true, v)
}

// linkUnlinked links one answer or registration to the chosen record (or
// a new one) and shows the list again, without it.
func (c *Console) linkUnlinked(ctx context.Context, s *Session, req *Request, lang string, form *Form) (Response, error) {
	kind, target, ref, choice := form.Get("kind"), form.Get("target"), form.Get("ref"), form.Get("organisation")
	if kind == "" || target == "" || ref == "" || choice == "" {
		return Response{}, apperr.New(apperr.BadRequest, "bad_request")
	}
	if choice == newRecord {
		choice = ""
	}
	if _, err := c.svc.LinkUnlinked(ctx, s.Coordinator, kind, target, ref, choice); err != nil {
		return Response{}, err
	}
	return web.Redirect(unlinkedPath+flash(req, "linked", 1), lang, true), nil
}
