package pages_test

// The pages in a real browser: headless Chromium (Debian's chromium,
// installed by make when missing) fills the forms end to end against
// DynamoDB Local and the local SES server, with JavaScript switched off,
// and axe-core checks every page. SCREENSHOTS=1 writes the pictures of
// docs/screenshots.

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/oklog/ulid/v2"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/app/mailerfn"
	"github.com/integration-offices/netzwerk-backend/shared/i18n"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
	"github.com/integration-offices/netzwerk-backend/shared/store/dynamo"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
	"github.com/integration-offices/netzwerk-backend/shared/web"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

var secret = []byte("0123456789abcdef0123456789abcdef")

// site is the whole stack behind a local gateway, as make dev serves it.
type site struct {
	base   string
	domain string // of this test's recipients
	db     *dynamodb.Client
	table  string
}

// items returns the table's items of a type (Scan: tests only).
func (s *site) items(t *testing.T, typ string) []map[string]any {
	t.Helper()
	return testenv.Items(t, s.db, s.table)[typ]
}

func newSite(t *testing.T) *site {
	t.Helper()
	db, table := testenv.Table(t)
	if err := seed.Load(context.Background(), dynamo.New(db, table), time.Now()); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	deps := app.Deps{Log: log, DB: db, AWS: testenv.AWSConfig(t), Now: time.Now, Config: app.Config{Table: table, LinkSecret: secret,
		MailFrom: "netzwerk@integration.example", MailFromName: "Integration", PublicBaseURL: base}}
	// The console signs in through the managed login's stand-in.
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	cognito := &localaws.Cognito{Key: key, Office: seed.Office, Prefix: "/dev/cognito"}
	for k, v := range cognito.ConsoleEnv(base) {
		t.Setenv(k, v)
	}
	handlers, err := localaws.Handlers(deps)
	if err != nil {
		t.Fatal(err)
	}
	gw, err := localaws.NewGateway(handlers, log)
	if err != nil {
		t.Fatal(err)
	}
	gw.Extra = http.NewServeMux()
	cognito.Handle(gw.Extra)
	srv := httptest.NewUnstartedServer(gw)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	mailer, err := mailerfn.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	poller := &localaws.StreamPoller{Client: dynamodbstreams.NewFromConfig(deps.AWS), Table: table, Handler: mailer, Log: log, Interval: 50 * time.Millisecond}
	done := make(chan struct{})
	go func() { _ = poller.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return &site{base: base, domain: strings.ToLower(ulid.Make().String()) + ".example", db: db, table: table}
}

// browser starts headless Chromium, or skips when there is none (make
// test installs it; BROWSER_TESTS=required makes its absence a failure).
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("BROWSER_TESTS") == "required" {
			t.Fatal("chromium not found: make test installs it (apt-get install chromium)")
		}
		t.Skip("chromium not found")
	}
	dir, err := os.MkdirTemp("", "chromium")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(dir), chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	// A stop for a browser that hangs, not a speed check: a loaded CI
	// machine took 244 s for a walk that takes 29 s alone.
	ctx, cancelTimeout := context.WithTimeout(ctx, 12*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc(); _ = os.RemoveAll(dir) })
	// No JavaScript on the pages: everything must work without it. And a
	// visitor who asks for reduced motion: KERN scrolls smoothly
	// otherwise (site.css turns that off for such visitors), and a click
	// aimed while the page still glides into place may miss its button.
	// Two fresh-clone runs on a loaded machine failed at a click that led
	// nowhere (the page was unchanged 60 s later); that is the cause we
	// took, not one a test has shown. loads dumps the goroutines if it
	// happens again.
	if err := chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(true),
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}})); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

var axeSource = func() string {
	b, err := os.ReadFile("../../../scripts/local/node_modules/axe-core/axe.min.js")
	if err != nil {
		return ""
	}
	return string(b)
}()

// axe runs axe-core on the page (JavaScript on for it alone) and fails
// the test for every WCAG 2.1 A/AA violation.
func axe(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	if axeSource == "" {
		t.Fatal("axe-core not installed: make deps")
	}
	var out string
	// A page that a form's post is still replacing can drop the injected
	// script between the two calls ("axe is not defined"): wait for the
	// document and inject again, a few times.
	for attempt := 0; ; attempt++ {
		err := chromedp.Run(ctx,
			emulation.SetScriptExecutionDisabled(false),
			chromedp.WaitReady("body", chromedp.ByQuery),
			chromedp.Evaluate(axeSource, nil),
			chromedp.Evaluate(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
			.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))))`,
				&out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
			emulation.SetScriptExecutionDisabled(true))
		if err == nil {
			break
		}
		if attempt == 4 || !(strings.Contains(err.Error(), "axe is not defined") || strings.Contains(err.Error(), "navigated or closed") ||
			strings.Contains(err.Error(), "Execution context was destroyed")) {
			t.Fatalf("axe on %s: %v", what, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
	var violations []string
	_ = json.Unmarshal([]byte(out), &violations)
	for _, v := range violations {
		t.Errorf("axe, %s: %s", what, v)
	}
}

// narrowest is the width a page must fit without scrolling sideways
// (WCAG 1.4.10: 320 CSS px).
const narrowest = 320

// fits checks that a page fits 320 px: nothing scrolls sideways (a table
// may scroll inside its own box). NARROW_SHOTS=dir saves it there at
// 320 px, to look at.
func fits(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var width struct{ Scroll, Client int }
	run(t, ctx, "narrow", emulation.SetDeviceMetricsOverride(narrowest, 800, 1, true),
		emulation.SetScriptExecutionDisabled(false),
		chromedp.Evaluate(`({Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth})`, &width),
		emulation.SetScriptExecutionDisabled(true))
	if width.Scroll > width.Client || width.Client > narrowest {
		var wide string
		_ = chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(false), chromedp.Evaluate(`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".kern-table-responsive")).slice(-5).map(e => e.tagName + "." + e.className + "#" + e.id + " " + (e.textContent || "").trim().slice(0, 30)).join(" | ")`, &wide), emulation.SetScriptExecutionDisabled(true))
		t.Errorf("%s scrolls sideways at %d px: %d px wide, %d px seen (%s)", name, narrowest, width.Scroll, width.Client, wide)
	}
	if dir := os.Getenv("NARROW_SHOTS"); dir != "" {
		var png []byte
		run(t, ctx, "screenshot", chromedp.FullScreenshot(&png, 100))
		_ = os.WriteFile(filepath.Join(dir, name+"-320.png"), png, 0o644)
	}
	run(t, ctx, "wide", wide())
}

// wide ends a narrow emulation and waits until the page is laid out at
// the window's width again (two frames drawn at it). A click computed
// from the narrow layout and sent to the wide one hits nothing: "next"
// after a page's 320 px check was lost that way on loaded CI machines.
func wide() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := emulation.ClearDeviceMetricsOverride().Do(ctx); err != nil {
			return err
		}
		if err := emulation.SetScriptExecutionDisabled(false).Do(ctx); err != nil {
			return err
		}
		defer emulation.SetScriptExecutionDisabled(true).Do(ctx)
		for {
			var w int
			if err := chromedp.Evaluate(`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(document.documentElement.clientWidth))))`,
				&w, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }).Do(ctx); err != nil {
				return err
			}
			if w > narrowest {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

// look checks that a page fits 320 px and, with SCREENSHOTS=1, saves it
// at 375 and 1280 px for the README.
func look(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	fits(t, ctx, name)
	if os.Getenv("SCREENSHOTS") == "1" {
		for _, w := range []int64{375, 1280} {
			var png []byte
			run(t, ctx, "screenshot", emulation.SetDeviceMetricsOverride(w, 1000, 1, w < 600), chromedp.CaptureScreenshot(&png))
			_ = os.WriteFile(filepath.Join("../../../docs/screenshots", fmt.Sprintf("%s-%d.png", name, w)), png, 0o644)
		}
		run(t, ctx, "wide", wide())
	}
}

// submitAfter waits out the form's minimum fill time, sends it and
// waits for the answer page to load.
func submitAfter(t *testing.T, ctx context.Context, button string) {
	t.Helper()
	time.Sleep(web.MinFillTime + 200*time.Millisecond)
	loaded := make(chan struct{}, 1)
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chromedp.ListenTarget(lctx, func(ev any) {
		if _, ok := ev.(*page.EventLoadEventFired); ok {
			select {
			case loaded <- struct{}{}:
			default:
			}
		}
	})
	run(t, ctx, "submit", chromedp.Click(button, chromedp.ByQuery))
	select {
	case <-loaded:
	case <-time.After(60 * time.Second):
		t.Fatal("no answer to the form")
	}
}

func TestSurveyInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	for _, lang := range []string{"de", "ar"} {
		url := s.base + "/s/" + seed.SurveyID + "?lang=" + lang
		run(t, ctx, "open the survey", chromedp.Navigate(url), chromedp.WaitReady("form", chromedp.ByQuery))
		var scroll string
		run(t, ctx, "scrolling", emulation.SetScriptExecutionDisabled(false),
			chromedp.Evaluate(`getComputedStyle(document.documentElement).scrollBehavior`, &scroll), emulation.SetScriptExecutionDisabled(true))
		if scroll != "auto" {
			t.Errorf("%s: the page scrolls %q for a visitor who asks for reduced motion", lang, scroll)
		}
		axe(t, ctx, "survey "+lang)
		look(t, ctx, "survey-"+lang)
		if lang == "de" {
			keyboard(t, ctx, "survey")
		}
		// The demo survey has sections, one per page. One error round: the
		// fields of activity left out on their page.
		run(t, ctx, "fill", chromedp.SendKeys("#q-org_name", "Kulturbrücke e.V. – جمعية", chromedp.ByQuery))
		loads(t, ctx, "next", chromedp.Click(`button[name="page.next"]`, chromedp.ByQuery))
		loads(t, ctx, "next", chromedp.Click(`button[name="page.next"]`, chromedp.ByQuery))
		var summary string
		run(t, ctx, "error summary", chromedp.Text(".error-summary", &summary, chromedp.ByQuery))
		if !strings.Contains(summary, map[string]string{"de": "Arbeitsfelder", "ar": "مجالات النشاط"}[lang]) {
			t.Errorf("%s: summary %q", lang, summary)
		}
		axe(t, ctx, "survey with errors "+lang)
		look(t, ctx, "survey-errors-"+lang)
		run(t, ctx, "fix", chromedp.Click(`#q-fields_of_activity`, chromedp.ByQuery))
		loads(t, ctx, "next", chromedp.Click(`button[name="page.next"]`, chromedp.ByQuery))
		run(t, ctx, "members", chromedp.Click(`#q-members`, chromedp.ByQuery))
		toCheckPage(t, ctx)
		axe(t, ctx, "survey check page "+lang)
		run(t, ctx, "consent", chromedp.Click(`#consent-privacy`, chromedp.ByQuery))
		submitAfter(t, ctx, `button[name="page.submit"]`)
		var loc string
		run(t, ctx, "thanks", chromedp.Location(&loc))
		if !strings.Contains(loc, "/thanks") {
			t.Fatalf("%s: after submitting at %s: %s", lang, loc, pageText(ctx))
		}
		axe(t, ctx, "thanks "+lang)
		fits(t, ctx, "thanks-"+lang)
	}
	if n := len(s.items(t, "response")); n != 2 {
		t.Errorf("%d responses stored, want 2", n)
	}
}

// toCheckPage goes on page by page to the page that checks the answers.
func toCheckPage(t *testing.T, ctx context.Context) {
	t.Helper()
	for i := 0; i < 12; i++ {
		if value(t, ctx, `input[name="page.step"]`) == "_check" {
			return
		}
		loads(t, ctx, "next", chromedp.Click(`button[name="page.next"]`, chromedp.ByQuery))
	}
	t.Fatalf("no check page: %s", pageText(ctx))
}

// keyboard tabs through a page: every form control and link gets the
// focus (a group of radio buttons once, as browsers have it), visibly (an
// outline or a shadow).
func keyboard(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	var want int
	var seen = map[string]bool{}
	run(t, ctx, "count", emulation.SetScriptExecutionDisabled(false), chromedp.Evaluate(
		`(() => { const c = [...document.querySelectorAll("a[href], input:not([type=hidden]), select, textarea, button")].filter(e => e.tabIndex >= 0);
		   return c.filter(e => e.type !== "radio").length + new Set(c.filter(e => e.type === "radio").map(e => e.name)).size })()`, &want))
	for i := 0; i < want+5; i++ {
		var focus struct {
			ID      string `json:"id"`
			Visible bool   `json:"visible"`
		}
		run(t, ctx, "tab", chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(`(() => { const e = document.activeElement, s = getComputedStyle(e);
			return {id: e.tagName + "#" + e.id + "@" + (e.getAttribute("href") || e.name || "") + "=" + (e.value || ""),
			        visible: s.outlineStyle !== "none" || s.boxShadow !== "none"} })()`, &focus))
		if focus.ID != "BODY#@=" && !focus.Visible {
			t.Errorf("%s: focus on %s is not visible", what, focus.ID)
		}
		seen[focus.ID] = true
	}
	run(t, ctx, "scripts off", emulation.SetScriptExecutionDisabled(true))
	if len(seen) < want {
		t.Errorf("%s: Tab reaches %d of %d controls", what, len(seen), want)
	}
}

var manageLink = regexp.MustCompile(`https?://[^\s]+/r/[^\s]+`)

func TestRegisterAndCancelInTheBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browser(t)
	// Topics: the page lists them and asks which matter (one label in
	// German only: marked as German on the Arabic page).
	store := dynamo.New(s.db, s.table)
	m, _, err := store.Meeting(context.Background(), seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	m.Topics = []meeting.Topic{{Code: "rooms", Label: i18n.Text{"de": "Räume für Vereine", "ar": "قاعات للجمعيات"}},
		{Code: "funding", Label: i18n.Text{"de": "Fördermittel beantragen und abrechnen"}}}
	if err := store.PutMeeting(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "ar"} {
		email := "p." + lang + "@" + s.domain
		run(t, ctx, "open the meeting", chromedp.Navigate(s.base+"/m/"+seed.MeetingID+"?lang="+lang), chromedp.WaitReady("form", chromedp.ByQuery))
		axe(t, ctx, "meeting "+lang)
		look(t, ctx, "meeting-"+lang)
		keyboard(t, ctx, "meeting "+lang)
		// One error round: nothing filled in.
		submitAfter(t, ctx, `main button[type="submit"]`)
		axe(t, ctx, "meeting with errors "+lang)
		look(t, ctx, "meeting-errors-"+lang)
		run(t, ctx, "fill", chromedp.SendKeys("#name", "Ayşe Yılmaz", chromedp.ByQuery), chromedp.SendKeys("#email", email, chromedp.ByQuery),
			chromedp.Click("#consent-privacy", chromedp.ByQuery), chromedp.Click("#topics-1", chromedp.ByQuery))
		submitAfter(t, ctx, `main button[type="submit"]`)
		var loc string
		run(t, ctx, "registered", chromedp.Location(&loc))
		if !strings.Contains(loc, "/r/") {
			t.Fatalf("%s: after registering at %s: %s", lang, loc, pageText(ctx))
		}
		axe(t, ctx, "manage "+lang)
		look(t, ctx, "manage-"+lang)
		// The mail's link opens the same page.
		link := ""
		for deadline := time.Now().Add(60 * time.Second); link == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			for _, m := range inbox(t, email) {
				link = manageLink.FindString(m)
			}
		}
		if link == "" {
			t.Fatalf("%s: no mail with a manage link", lang)
		}
		run(t, ctx, "open the mail's link", chromedp.Navigate(link), chromedp.WaitReady(`form[action*="/cancel"] button`, chromedp.ByQuery))
		run(t, ctx, "cancel", chromedp.Click(`form[action*="/cancel"] button`, chromedp.ByQuery), chromedp.WaitReady(`input[name="confirm"]`, chromedp.ByQuery))
		axe(t, ctx, "confirm "+lang)
		fits(t, ctx, "confirm-"+lang)
		run(t, ctx, "confirm", chromedp.Click(`form button`, chromedp.ByQuery), chromedp.WaitReady(".kern-alert", chromedp.ByQuery))
		var status string
		run(t, ctx, "status", chromedp.Text(".kern-alert", &status, chromedp.ByQuery))
		if !strings.Contains(status, map[string]string{"de": "abgesagt", "ar": "إلغاء"}[lang]) {
			t.Errorf("%s: status after cancelling: %q", lang, status)
		}
	}
	// A link that leads nowhere: a page in the reader's language.
	run(t, ctx, "unknown link", chromedp.Navigate(s.base+"/r/nothing-here?lang=ar"), chromedp.WaitReady("h1", chromedp.ByQuery))
	axe(t, ctx, "not found ar")
	fits(t, ctx, "not-found-ar")
	regs := s.items(t, "registration")
	if len(regs) != 2 {
		t.Fatalf("%d registrations stored, want 2", len(regs))
	}
	for _, r := range regs {
		if r["status"] != "cancelled" {
			t.Errorf("registration %v is %v, want cancelled", r["id"], r["status"])
		}
		if topics, _ := r["topics"].([]any); len(topics) != 1 || topics[0] != "funding" {
			t.Errorf("registration %v chose the topics %v, want funding", r["id"], r["topics"])
		}
	}
}

// pageText is the text of the page's main part (for failure messages).
func pageText(ctx context.Context) string {
	var html string
	_ = chromedp.Run(ctx, chromedp.OuterHTML("main", &html, chromedp.ByQuery))
	if len(html) > 1500 {
		html = html[:1500]
	}
	return html
}

// inbox returns the text of the local SES inbox's mails to address.
func inbox(t *testing.T, address string) []string {
	t.Helper()
	resp, err := http.Get(testenv.SESURL(t) + "/store")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var store struct {
		Emails []struct {
			Destination struct{ To []string }
			Body        struct{ Text string }
		}
	}
	_ = json.NewDecoder(resp.Body).Decode(&store)
	var out []string
	for _, m := range store.Emails {
		for _, to := range m.Destination.To {
			if strings.Contains(to, address) {
				out = append(out, m.Body.Text)
			}
		}
	}
	return out
}
