// Package seed holds the demo data that make dev and the tests load.
package seed

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/notice"
	"github.com/integration-offices/netzwerk-backend/shared/office"
	"github.com/integration-offices/netzwerk-backend/shared/survey"
)

// Demo ids, fixed by the API contract.
const (
	Office    = "demo"
	SurveyID  = "demo-needs-survey"
	MeetingID = "demo-network-meeting"
)

//go:embed demo-needs-survey.json
var demoSurvey []byte

// DemoSurvey returns the demo needs survey (parsed and validated).
func DemoSurvey() *survey.Definition {
	d, err := survey.ParseDefinition(demoSurvey)
	if err != nil {
		panic(fmt.Sprintf("seed: %v", err)) // the embedded file is ours: a bug
	}
	return d
}

// DemoMeeting returns the demo network meeting: capacity 40, on a Thursday
// evening about eight weeks after now, registration open until a week
// before.
func DemoMeeting(now time.Time) *meeting.Meeting {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(fmt.Sprintf("seed: %v", err))
	}
	day := now.In(berlin).AddDate(0, 0, 56)
	for day.Weekday() != time.Thursday {
		day = day.AddDate(0, 0, 1)
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, berlin)
	return &meeting.Meeting{Office: Office, UpdatedAt: now.UTC(), Settings: meeting.Settings{
		ID: MeetingID,
		Title: i18n.Text{
			"de": "Vernetzungstreffen: Agenda 2030 vor Ort",
			"en": "Network meeting: Agenda 2030 in our district",
			"tr": "Ağ buluşması: Yerelde Gündem 2030",
			"ar": "لقاء التشبيك: أجندة 2030 في منطقتنا",
			"fa": "نشست شبکه‌سازی: دستور کار 2030 در منطقه ما",
			"ru": "Сетевая встреча: Повестка-2030 у нас в районе",
			"uk": "Мережева зустріч: Порядок денний 2030 у нашому районі",
		},
		Description: i18n.Text{
			"de": "Migrantenorganisationen, Initiativen und entwicklungspolitische Gruppen lernen sich kennen und planen gemeinsame Projekte zu den Nachhaltigkeitszielen. Mit Imbiss; Dolmetschen auf Anfrage.",
			"en": "Migrant organisations, initiatives and development-policy groups meet and plan joint projects on the Sustainable Development Goals. Snacks provided; interpretation on request.",
			"tr": "Göçmen örgütleri, girişimler ve kalkınma politikası grupları birbirini tanıyor ve sürdürülebilir kalkınma amaçları üzerine ortak projeler planlıyor. İkram vardır; talep üzerine tercümanlık sağlanır.",
			"ar": "تتعرف منظمات المهاجرين والمبادرات والمجموعات التنموية على بعضها وتخطط لمشاريع مشتركة حول أهداف التنمية المستدامة. تُقدَّم وجبة خفيفة، والترجمة الفورية متاحة عند الطلب.",
			"fa": "سازمان‌های مهاجران، ابتکارها و گروه‌های سیاست توسعه با یکدیگر آشنا می‌شوند و پروژه‌های مشترکی درباره اهداف توسعه پایدار برنامه‌ریزی می‌کنند. پذیرایی سبک داریم؛ ترجمه شفاهی در صورت درخواست.",
			"ru": "Организации мигрантов, инициативы и группы по политике развития знакомятся друг с другом и планируют совместные проекты по целям устойчивого развития. Будут закуски; устный перевод по запросу.",
			"uk": "Організації мігрантів, ініціативи та групи з політики розвитку знайомляться одна з одною та планують спільні проєкти щодо цілей сталого розвитку. Будуть закуски; усний переклад — на запит.",
		},
		StartsAt: start, EndsAt: start.Add(3 * time.Hour), TimeZone: "Europe/Berlin",
		Location: meeting.Location{Name: "Landratsamt, Großer Sitzungssaal", Address: "Bahnhofstraße 1, 12345 Musterstadt"},
		Capacity: 40, RegistrationClosesAt: start.AddDate(0, 0, -7), MaxPerOrganisation: 0,
		PrivacyNotice: &notice.Notice{URL: NoticeURL, Version: NoticeVersion},
	}}
}

// The demo office's privacy notice, which the demo survey and meeting name.
const (
	NoticeURL     = "https://integration.example/datenschutz"
	NoticeVersion = "2026-11"
)

//go:embed demo-office.json
var demoOffice []byte

// DemoOffice returns the demo office's profile (validated).
func DemoOffice() *office.Profile {
	var p office.Profile
	if err := json.Unmarshal(demoOffice, &p); err != nil {
		panic(fmt.Sprintf("seed: %v", err))
	}
	if err := office.ValidateProfile(&p, i18n.Default); err != nil {
		panic(fmt.Sprintf("seed: demo office: %v", err))
	}
	return &p
}

// Writer is what seeding needs from a store.
type Writer interface {
	PutOffice(ctx context.Context, p *office.Profile, now time.Time) error
	PutSurvey(ctx context.Context, d *survey.Definition) error
	Meeting(ctx context.Context, id string) (*meeting.Meeting, meeting.Counters, error)
	PutMeeting(ctx context.Context, m *meeting.Meeting) error
}

// Load writes the demo data. It is idempotent: the survey is rewritten,
// the meeting's texts too, and its dates are moved on only after its
// registration has closed (its registrations and counters are kept).
func Load(ctx context.Context, w Writer, now time.Time) error {
	if err := w.PutOffice(ctx, DemoOffice(), now); err != nil {
		return fmt.Errorf("seed demo office: %w", err)
	}
	if err := w.PutSurvey(ctx, DemoSurvey()); err != nil {
		return fmt.Errorf("seed demo survey: %w", err)
	}
	m, _, err := w.Meeting(ctx, MeetingID)
	demo := DemoMeeting(now)
	switch {
	case apperr.CodeOf(err) == apperr.NotFound:
	case err != nil:
		return fmt.Errorf("seed demo meeting: %w", err)
	case now.Before(m.RegistrationClosesAt):
		// Still open: keep its dates (registrations rely on them), take
		// the demo's texts and place.
		demo.StartsAt, demo.EndsAt, demo.RegistrationClosesAt, demo.Sequence = m.StartsAt, m.EndsAt, m.RegistrationClosesAt, m.Sequence
	}
	if err := w.PutMeeting(ctx, demo); err != nil {
		return fmt.Errorf("seed demo meeting: %w", err)
	}
	return nil
}
