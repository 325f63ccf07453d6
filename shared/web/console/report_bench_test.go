package console_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

// roundTexts are free texts in the languages answers come in.
var roundTexts = map[string][]string{
	"de": {"Wir suchen Räume für Sprachkurse am Abend.", "Förderberatung für unseren Jugendtreff wäre hilfreich.", "Ehrenamtliche für die Hausaufgabenhilfe gesucht."},
	"ar": {"نحتاج إلى قاعة للاجتماعات يوم السبت", "نبحث عن متطوعين لدروس اللغة", "نحتاج إلى استشارة بشأن التمويل"},
	"tr": {"Gönüllü arıyoruz, özellikle gençler için.", "Akşam kursları için oda lazım.", "Proje başvurusu için destek istiyoruz."},
	"ru": {"Нам нужен зал на 100 человек.", "Ищем волонтёров для детского клуба.", "Нужна консультация по финансированию."},
	"uk": {"Шукаємо приміщення для курсів мови.", "Потрібна допомога з бухгалтерією.", "Шукаємо волонтерів."},
	"fa": {"به یک سالن برای جلسات نیاز داریم.", "به دنبال داوطلب برای کلاس زبان هستیم."},
	"en": {"We need a room for weekly meetings.", "Advice on funding programmes would help."},
}

var roundLangs = []string{"de", "de", "de", "ar", "tr", "ru", "uk", "fa", "en"}

// seedAnswers stores n answers to the survey id through the store, in
// turns of language and choice, every question of the demo survey
// answered (the room's size where it is asked).
func seedAnswers(tb testing.TB, a *testenv.Functions, id string, n int) {
	tb.Helper()
	ctx := context.Background()
	pick := func(i int, codes ...string) string { return codes[i%len(codes)] }
	now := time.Now()
	for i := range n {
		lang := roundLangs[i%len(roundLangs)]
		texts := roundTexts[lang]
		text := func(k int) string { return texts[(i+k)%len(texts)] }
		own := i%3 == 0
		ans := map[string]any{
			"org_name": fmt.Sprintf("Verein %d e.V.", i), "legal_form": pick(i, "registered_association", "nonprofit", "initiative", "other"),
			"year_founded": float64(1950 + i%70), "municipality": pick(i, "Heidelberg", "Mannheim", "Weinheim", "Sinsheim"),
			"website": fmt.Sprintf("https://verein%d.example", i), "contact_person": fmt.Sprintf("Person %d", i), "contact_role": "Vorstand",
			"contact_email": fmt.Sprintf("v%d@verein.example", i), "contact_phone": "+49 6221 0000",
			"contact_language": lang, "self_description": pick(i, "migrant_org", "post_migrant", "initiative", "development_policy", "umbrella"),
			"origin_regions": text(0), "languages_used": text(1), "fields_of_activity": []string{pick(i, "culture", "education", "youth"), pick(i+1, "women", "sport", "refugees")},
			"target_groups": text(2), "area_covered": pick(i, "municipality", "district", "state", "federal"),
			"members": pick(i, "under-20", "20-49", "50-99", "100-249", "250-plus"), "volunteers": float64(i % 40), "paid_staff": float64(i % 5),
			"own_rooms": own, "annual_budget": pick(i, "none", "under-5000", "5000-20000", "20000-100000", "over-100000"),
			"funding_sources":      []string{pick(i, "membership_fees", "donations", "municipal"), pick(i, "state", "federal", "eu", "foundations")},
			"umbrella_memberships": text(0), "admin_partners": text(1), "partnerships_abroad": i%2 == 0,
			"needs":         []string{pick(i, "funding", "rooms", "training_law"), pick(i+2, "fundraising", "public_relations", "volunteers", "networking")},
			"top_need":      pick(i, "funding", "rooms", "training_law", "training_finance", "fundraising", "public_relations", "volunteers", "networking"),
			"needs_details": text(2) + " " + text(0), "network_connectedness": float64(1 + i%5),
			"meeting_topics": []string{pick(i, "sdgs", "funding_programmes", "anti_racism")}, "preferred_days": []string{pick(i, "mon", "tue", "wed", "thu", "fri", "sat", "sun")},
			"preferred_time": pick(i, "morning", "afternoon", "evening"), "meeting_format": pick(i, "in_person", "online", "hybrid"),
		}
		if !own {
			ans["room_size"] = float64(10 + i%90)
		}
		r := &survey.Response{ID: ulid.Make().String(), SurveyID: id, Office: "demo", SubmittedAt: now, Language: lang, Answers: ans,
			Consent: survey.Consent{PublishProfile: i%2 == 0}, ExpiresAt: now.Add(24 * time.Hour)}
		if _, err := a.Store.SaveResponse(ctx, r, nil, nil); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestReportSize: the report of 1,000 answers to the demo survey is at
// most 100 KB with its stylesheets, gzipped.
func TestReportSize(t *testing.T) {
	a := testenv.NewFunctions(t)
	s, h := a.SignIn(t)
	seedAnswers(t, a, seed.SurveyID, 1000)
	r := getAs(t, a, s, h, "demo", rReport, seed.SurveyID, "")
	if r.StatusCode != 200 || !strings.Contains(r.Body, `id="answers">1000<`) {
		t.Fatalf("report: %d", r.StatusCode)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write([]byte(r.Body))
	_ = zw.Close()
	page := buf.Len()
	css := 0
	for _, f := range []string{"kern.min.css.gz", "site.css.gz"} {
		b, err := os.ReadFile(filepath.Join("..", "assets", f))
		if err != nil {
			t.Fatal(err)
		}
		css += len(b)
	}
	t.Logf("report of 1,000 answers: HTML %d bytes, gzip %d; CSS gzip %d; together %d bytes", len(r.Body), page, css, page+css)
	if page+css > 100_000 {
		t.Errorf("HTML + CSS gzip %d bytes, over 100 KB", page+css)
	}
}

// BenchmarkReport1000: the report page of 1,000 answers against DynamoDB
// Local (issue 23: at most 300 ms).
func BenchmarkReport1000(b *testing.B) {
	a := testenv.NewFunctions(b)
	s, h := a.SignIn(b)
	seedAnswers(b, a, seed.SurveyID, 1000)
	b.ResetTimer()
	for range b.N {
		if r := getAs(b, a, s, h, "demo", rReport, seed.SurveyID, ""); r.StatusCode != 200 {
			b.Fatal(r.StatusCode)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}

// BenchmarkReportXLSX1000: the report's workbook of 1,000 answers
// (issue 23: at most 2 s).
func BenchmarkReportXLSX1000(b *testing.B) {
	a := testenv.NewFunctions(b)
	s, h := a.SignIn(b)
	seedAnswers(b, a, seed.SurveyID, 1000)
	b.ResetTimer()
	for range b.N {
		if r := getAs(b, a, s, h, "demo", rReportX, seed.SurveyID, ""); r.StatusCode != 200 {
			b.Fatal(r.StatusCode)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}

// BenchmarkEachResponse1000: reading 1,000 answers from DynamoDB Local,
// the floor under the report's time.
func BenchmarkEachResponse1000(b *testing.B) {
	a := testenv.NewFunctions(b)
	seedAnswers(b, a, seed.SurveyID, 1000)
	b.ResetTimer()
	for range b.N {
		n := 0
		if err := a.Store.EachResponse(context.Background(), seed.SurveyID, func(rs []*survey.Response) error { n += len(rs); return nil }); err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}
