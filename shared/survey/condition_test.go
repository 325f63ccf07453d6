package survey

import (
	"encoding/json"
	"testing"
)

func TestAskedFollowsConditionsSectionBySection(t *testing.T) {
	var d Definition
	if err := json.Unmarshal([]byte(`{
	 "sections": [{"id": "org", "title": {"de": "O"}},
	              {"id": "rooms", "title": {"de": "R"}, "showIf": {"any": [{"question": "has_rooms", "in": ["no"]}, {"question": "needs", "includes": ["rooms"]}]}},
	              {"id": "more", "title": {"de": "M"}}],
	 "questions": [
	  {"id": "has_rooms", "type": "yes_no", "section": "org", "label": {"de": "x"}},
	  {"id": "needs", "type": "multiple_choice", "section": "org", "label": {"de": "x"}},
	  {"id": "members", "type": "number", "section": "org", "label": {"de": "x"}},
	  {"id": "founded", "type": "date", "section": "org", "label": {"de": "x"}},
	  {"id": "room_size", "type": "number", "section": "rooms", "label": {"de": "x"}},
	  {"id": "big", "type": "text", "section": "more", "label": {"de": "x"},
	   "showIf": {"all": [{"question": "members", "gte": 20}, {"question": "founded", "lte": "2000-12-31"}]}},
	  {"id": "after_room", "type": "text", "section": "more", "label": {"de": "x"}, "showIf": {"all": [{"question": "room_size", "answered": true}]}},
	  {"id": "not_member", "type": "text", "section": "more", "label": {"de": "x"}, "showIf": {"all": [{"question": "has_rooms", "notIn": ["yes"]}]}}
	 ]}`), &d); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		answers map[string]any
		asked   []string
		hidden  []string
	}{
		{"nothing answered", map[string]any{}, []string{"has_rooms", "not_member"}, []string{"room_size", "big", "after_room"}},
		{"no rooms", map[string]any{"has_rooms": false, "room_size": 40.0}, []string{"room_size", "after_room", "not_member"}, []string{"big"}},
		{"rooms needed by choice", map[string]any{"has_rooms": true, "needs": []string{"x", "rooms"}}, []string{"room_size"}, []string{"not_member", "after_room"}},
		{"has rooms: its answer is not seen", map[string]any{"has_rooms": true, "room_size": 40.0}, nil, []string{"room_size", "after_room"}},
		{"old and big", map[string]any{"members": 20.0, "founded": "1999-01-01"}, []string{"big"}, nil},
		{"young", map[string]any{"members": 20.0, "founded": "2001-01-01"}, nil, []string{"big"}},
		{"small", map[string]any{"members": 19.5, "founded": "1999-01-01"}, nil, []string{"big"}},
	} {
		asked := d.Asked(c.answers)
		for _, id := range c.asked {
			if !asked[id] {
				t.Errorf("%s: %s not asked", c.name, id)
			}
		}
		for _, id := range c.hidden {
			if asked[id] {
				t.Errorf("%s: %s asked", c.name, id)
			}
		}
	}
	if !d.Conditional() {
		t.Error("Conditional: false")
	}
	var nilIf *ShowIf
	if !nilIf.Holds(nil) {
		t.Error("a nil ShowIf must hold")
	}
}
