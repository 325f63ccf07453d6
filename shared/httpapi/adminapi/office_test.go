package adminapi_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// TestOfficeProfile: an office without a profile gets an empty one; a
// PUT stores a profile and the GET answer goes back as a PUT unchanged;
// a new privacy notice version keeps the earlier one readable, a
// published version cannot change its text (409), and a bad profile is
// 422 in the caller's language with nothing written.
func TestOfficeProfile(t *testing.T) {
	a := testenv.NewFunctions(t)
	ctx := context.Background()

	empty := a.AdminCall(t, "landkreis-a", "GET", "/admin/office", nil, "", "")
	if empty.StatusCode != 200 || !strings.Contains(empty.Body, `"office":"landkreis-a"`) || strings.Contains(empty.Body, "senderName\":\"L") {
		t.Fatalf("empty profile: %d %s", empty.StatusCode, empty.Body)
	}

	p := seed.DemoOffice()
	p.Office = "ignored-office"
	body, _ := json.Marshal(p)
	put := a.AdminCall(t, "landkreis-a", "PUT", "/admin/office", nil, "", string(body))
	if put.StatusCode != 200 {
		t.Fatalf("put: %d %s", put.StatusCode, put.Body)
	}
	got := a.AdminCall(t, "landkreis-a", "GET", "/admin/office", nil, "", "")
	var back map[string]any
	if err := json.Unmarshal([]byte(got.Body), &back); err != nil || back["office"] != "landkreis-a" ||
		!strings.Contains(got.Body, "Stabsstelle für Integration") || !strings.Contains(got.Body, `"noticeVersions":["2026-11"]`) ||
		!strings.Contains(got.Body, "Wer ist verantwortlich") {
		t.Fatalf("get after put: %s", got.Body)
	}
	if again := a.AdminCall(t, "landkreis-a", "PUT", "/admin/office", nil, "", got.Body); again.StatusCode != 200 {
		t.Fatalf("GET answer sent back: %d %s", again.StatusCode, again.Body)
	}

	// A changed text under the published version: 409, nothing changes.
	p.PrivacyNotice.Text["de"] += "\n\nNeuer Absatz."
	body, _ = json.Marshal(p)
	if r := a.AdminCall(t, "landkreis-a", "PUT", "/admin/office", nil, "lang=en", string(body)); r.StatusCode != 409 ||
		!strings.Contains(r.Body, "new version") {
		t.Fatalf("changed published notice: %d %s", r.StatusCode, r.Body)
	}
	// Under a new version it is published; the old one stays readable.
	p.PrivacyNotice.Version = "2027-01"
	body, _ = json.Marshal(p)
	if r := a.AdminCall(t, "landkreis-a", "PUT", "/admin/office", nil, "", string(body)); r.StatusCode != 200 ||
		!strings.Contains(r.Body, `"noticeVersions":["2026-11","2027-01"]`) {
		t.Fatalf("new version: %d %s", r.StatusCode, r.Body)
	}
	old, err := a.Store.OfficeNotice(ctx, "landkreis-a", "2026-11")
	if err != nil || strings.Contains(old.Text["de"], "Neuer Absatz") || old.PublishedAt == nil {
		t.Fatalf("old version: %+v %v", old, err)
	}
	cur, err := a.Store.Office(ctx, "landkreis-a")
	if err != nil || cur.NoticeVersion() != "2027-01" {
		t.Fatalf("current: %+v %v", cur, err)
	}

	// A bad profile: every problem at once, in Arabic; nothing written.
	before := a.Count(t)
	bad := `{"name":{"en":"Only English"},"senderName":"","address":"x","email":"nope","imprintUrl":"http://insecure.example",
		"dataProtectionOfficer":{"email":"dsb@landkreis.example","address":"y"},"privacyNotice":{"version":"","text":{"de":"x"}},
		"accessibility":{"status":"mostly","reviewedOn":"20.11.2026","enforcementBody":{"name":"x","url":"https://x.example"}}}`
	r := a.AdminCall(t, "landkreis-b", "PUT", "/admin/office", nil, "lang=ar", bad)
	if r.StatusCode != 422 {
		t.Fatalf("bad profile: %d %s", r.StatusCode, r.Body)
	}
	for _, f := range []string{"name.de", "senderName", "email", "imprintUrl", "privacyNotice.version", "accessibility.status", "accessibility.reviewedOn"} {
		if !strings.Contains(r.Body, `"field":"`+f+`"`) {
			t.Errorf("no error for %s: %s", f, r.Body)
		}
	}
	if !strings.Contains(r.Body, "https") || !strings.Contains(r.Body, "يرجى") {
		t.Errorf("not in Arabic: %s", r.Body)
	}
	if r := a.AdminCall(t, "landkreis-b", "PUT", "/admin/office", nil, "", `{"name":{"de":"x"},"unknown":1}`); r.StatusCode != 400 {
		t.Errorf("unknown field: %d", r.StatusCode)
	}
	if after := a.Count(t); after != before {
		t.Fatalf("refused profiles wrote %d items", after-before)
	}
}
