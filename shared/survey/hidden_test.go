package survey_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// roomsDef asks room_size (required) only of those without rooms of
// their own, the rooms section only of those who need rooms, and never
// the retired old_size.
const roomsDef = `{"id": "rooms-survey", "office": "demo", "title": {"de": "R"},
 "sections": [{"id": "org", "title": {"de": "O"}},
              {"id": "rooms", "title": {"de": "R"}, "showIf": {"any": [{"question": "needs", "includes": ["rooms"]}]}}],
 "questions": [
  {"id": "name", "type": "text", "section": "org", "label": {"de": "Name", "en": "Name"}, "required": true},
  {"id": "has_rooms", "type": "yes_no", "section": "org", "label": {"de": "Eigene Räume", "en": "Own rooms"}},
  {"id": "needs", "type": "multiple_choice", "section": "org", "label": {"de": "Bedarf", "en": "Needs"},
   "options": [{"code": "rooms", "label": {"de": "Räume"}}, {"code": "money", "label": {"de": "Geld"}},
               {"code": "old", "label": {"de": "Alt"}, "retired": true}]},
  {"id": "room_size", "type": "number", "section": "rooms", "label": {"de": "Raumgröße", "en": "Room size"}, "required": true,
   "showIf": {"all": [{"question": "has_rooms", "in": ["no"]}]}},
  {"id": "room_days", "type": "multiple_choice", "section": "rooms", "label": {"de": "Tage", "en": "Days"}, "required": true,
   "options": [{"code": "mon", "label": {"de": "Mo"}}]},
  {"id": "old_size", "type": "number", "section": "org", "label": {"de": "Alt"}, "required": true, "retired": true}
 ]}`

func TestHiddenQuestionsAreNotAsked(t *testing.T) {
	consent := `{"privacy":true}`
	tests := []struct {
		name    string
		answers string
		stored  []string // the ids stored; nil: refused
		errors  []string // field:code, in this order
	}{
		{"rooms not needed: the section's answers are discarded", `"name":"V","needs":["money"],"room_size":40,"room_days":["mon"]`,
			[]string{"name", "needs"}, nil},
		{"a hidden required question may be missing", `"name":"V","has_rooms":true,"needs":["rooms"],"room_days":["mon"]`,
			[]string{"name", "has_rooms", "needs", "room_days"}, nil},
		{"a hidden question's invalid value is discarded", `"name":"V","has_rooms":true,"needs":["rooms"],"room_days":["mon"],"room_size":"gross"`,
			[]string{"name", "has_rooms", "needs", "room_days"}, nil},
		{"asked: required", `"name":"V","has_rooms":false,"needs":["rooms"]`, nil,
			[]string{"answers.room_size:required", "answers.room_days:required"}},
		{"asked: its wrong type is an error", `"name":"V","has_rooms":false,"needs":["rooms"],"room_size":"gross","room_days":["mon"]`, nil,
			[]string{"answers.room_size:type"}},
		{"asked: its rules hold", `"needs":["rooms"],"has_rooms":false,"room_size":40,"room_days":["tue"]`, nil,
			[]string{"answers.name:required", "answers.room_days:oneof"}},
		{"asked and answered", `"name":"V","has_rooms":false,"needs":["rooms"],"room_size":40,"room_days":["mon"]`,
			[]string{"name", "has_rooms", "needs", "room_size", "room_days"}, nil},
		{"a retired question is never asked", `"name":"V","old_size":3`, []string{"name"}, nil},
		{"a retired option is not offered", `"name":"V","needs":["old"]`, nil, []string{"answers.needs:oneof"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st, _ := newService(t)
			def, err := survey.ParseDefinition([]byte(roomsDef))
			if err != nil {
				t.Fatal(err)
			}
			_ = st.PutSurvey(context.Background(), def)
			_, err = svc.Submit(context.Background(), def.ID, submission(t, body(tt.answers, consent)), "en", nil)
			if tt.stored != nil {
				if err != nil {
					t.Fatalf("want stored, got %v %+v", err, apperr.As(err))
				}
				var ids []string
				for id := range st.Responses(def.ID)[0].Answers {
					ids = append(ids, id)
				}
				slices.Sort(ids)
				want := slices.Sorted(slices.Values(tt.stored))
				if !slices.Equal(ids, want) {
					t.Fatalf("stored %v, want %v", ids, want)
				}
				return
			}
			e := apperr.As(err)
			if e == nil || e.Code != apperr.ValidationFailed {
				t.Fatalf("want validation_failed, got %v", err)
			}
			var got []string
			for _, fe := range e.Fields {
				got = append(got, fe.Field+":"+fe.Code)
				if fe.Code == "required" && fe.Field == "answers.room_size" && fe.Message != "Please fill in “Room size”." {
					t.Errorf("required message: %q", fe.Message)
				}
			}
			if !slices.Equal(got, tt.errors) {
				t.Fatalf("errors %v, want %v", got, tt.errors)
			}
			if n := len(st.Responses(def.ID)); n != 0 {
				t.Fatalf("stored %d", n)
			}
		})
	}
}

// A draft is not public: the public view, the page's form and a
// submission are not found. The public view and the page leave retired
// questions and options out.
func TestDraftIsNotPublicAndRetiredNotShown(t *testing.T) {
	svc, st, _ := newService(t)
	def, err := survey.ParseDefinition([]byte(roomsDef))
	if err != nil {
		t.Fatal(err)
	}
	def.Stage = survey.StageDraft
	_ = st.PutSurvey(context.Background(), def)
	ctx := context.Background()
	if _, err := svc.Get(ctx, def.ID, "de", ""); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("Get of a draft: %v", err)
	}
	if _, err := svc.Form(ctx, def.ID, ""); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("Form of a draft: %v", err)
	}
	if _, err := svc.Submit(ctx, def.ID, submission(t, body(`"name":"V"`, `{"privacy":true}`)), "de", nil); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("Submit to a draft: %v", err)
	}
	// Published, it is public at once: a draft is not cached.
	def.Stage = survey.StagePublished
	p, err := svc.Get(ctx, def.ID, "de", "")
	if err != nil {
		t.Fatalf("Get once published: %v", err)
	}
	b, _ := json.Marshal(p)
	if strings.Contains(string(b), "old_size") || strings.Contains(string(b), `"old"`) || !strings.Contains(string(b), `"showIf":{"all":[{"question":"has_rooms","in":["no"]}]}`) {
		t.Fatalf("public view: %s", b)
	}
	f, err := svc.Form(ctx, def.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Def.Questions) != 5 || len(f.Def.Questions[2].Options) != 2 || len(def.Questions) != 6 {
		t.Fatalf("page's definition: %d questions, %d options of needs; stored one %d questions",
			len(f.Def.Questions), len(f.Def.Questions[2].Options), len(def.Questions))
	}
}
