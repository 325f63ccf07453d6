package mail

// texts holds every word of the emails per language. Adding a language
// (tr, ar, fa, ru, uk) means adding one entry here: templates, layout and
// right-to-left direction follow from it.
var texts = map[string]lang{
	"de": {
		Dir: "ltr", Greeting: "Hallo %s,", Closing: "Viele Grüße\nIhre Stabsstelle für Integration",
		Weekdays: [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		Months:   [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		DateFmt:  "%[1]s, %[2]d. %[3]s %[4]d, %[5]s–%[6]s Uhr",
		When:     "Wann", Where: "Wo", Online: "Online", Manage: "Anmeldung ansehen oder absagen",
		TakeSurvey: "Zur Befragung", Register: "Jetzt anmelden",
		InviteHint: "Der Link ist persönlich für Ihre Organisation. Bitte leiten Sie ihn nicht weiter.",
		ManageHint: "Über diesen persönlichen Link können Sie Ihre Anmeldung ansehen oder absagen. Bitte leiten Sie ihn nicht weiter.",
		Kinds: map[string]kindText{
			"confirmed": {Subject: "Anmeldung bestätigt: %s", Lead: "Ihre Anmeldung ist bestätigt. Wir freuen uns auf Sie!",
				Extra: "Die Kalendereinladung finden Sie im Anhang."},
			"waitlisted": {Subject: "Warteliste: %s", Lead: "Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste, Platz %d.",
				Extra: "Wird ein Platz frei, rücken Sie automatisch nach und bekommen eine E-Mail."},
			"promoted": {Subject: "Ein Platz ist frei geworden: %s", Lead: "Gute Nachricht: Ein Platz ist frei geworden, Ihre Anmeldung ist jetzt bestätigt.",
				Extra: "Die Kalendereinladung finden Sie im Anhang."},
			"cancelled": {Subject: "Abgesagt: %s", Lead: "Ihre Anmeldung ist storniert.",
				Extra: "Sie können sich jederzeit erneut anmelden, solange die Anmeldung offen ist."},
			"updated": {Subject: "Geändert: %s", Lead: "Die Veranstaltung, zu der Sie angemeldet sind, hat sich geändert. Hier sind die neuen Angaben.",
				Extra: "Die Kalendereinladung im Anhang aktualisiert Ihren Kalendereintrag."},
			"updated.waitlisted": {Subject: "Geändert: %s", Lead: "Die Veranstaltung, für die Sie auf der Warteliste stehen, hat sich geändert. Hier sind die neuen Angaben.",
				Extra: "Sie stehen weiterhin auf der Warteliste, Platz %d."},
			"invitation.survey": {Subject: "Einladung zur Befragung: %s", Lead: "die Stabsstelle für Integration lädt Ihre Organisation herzlich ein, an dieser Befragung teilzunehmen.",
				Extra: "Über Ihren persönlichen Link ist der Name Ihrer Organisation schon eingetragen. Sie können Ihre Antworten bis zum Ende der Befragung über denselben Link ändern."},
			"reminder.survey": {Subject: "Erinnerung: %s", Lead: "wir möchten Sie freundlich an unsere Befragung erinnern. Ihre Antwort hilft uns, das Netzwerk nach Ihren Bedarfen zu gestalten.",
				Extra: "Falls Sie schon geantwortet haben, betrachten Sie diese E-Mail bitte als gegenstandslos."},
			"invitation.meeting": {Subject: "Einladung: %s", Lead: "wir laden Ihre Organisation herzlich zu unserem Vernetzungstreffen ein.",
				Extra: "Die Plätze sind begrenzt; bei Bedarf führen wir eine Warteliste."},
			"reminder.meeting": {Subject: "Erinnerung: %s", Lead: "wir möchten Sie an unser Vernetzungstreffen erinnern. Die Anmeldung ist noch offen.",
				Extra: "Falls Sie sich schon angemeldet haben, betrachten Sie diese E-Mail bitte als gegenstandslos."},
		},
	},
	"en": {
		Dir: "ltr", Greeting: "Hello %s,", Closing: "Kind regards\nYour integration office",
		Weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		Months:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		DateFmt:  "%[1]s, %[2]d %[3]s %[4]d, %[5]s–%[6]s",
		When:     "When", Where: "Where", Online: "Online", Manage: "View or cancel your registration",
		TakeSurvey: "Open the survey", Register: "Register now",
		InviteHint: "This link is personal to your organisation. Please do not forward it.",
		ManageHint: "This personal link lets you view or cancel your registration. Please do not forward it.",
		Kinds: map[string]kindText{
			"confirmed": {Subject: "Registration confirmed: %s", Lead: "Your registration is confirmed. We look forward to seeing you!",
				Extra: "The calendar invitation is attached."},
			"waitlisted": {Subject: "Waitlist: %s", Lead: "The meeting is fully booked. You are on the waitlist, position %d.",
				Extra: "If a seat becomes free, you move up automatically and get an email."},
			"promoted": {Subject: "A seat became free: %s", Lead: "Good news: a seat became free and your registration is now confirmed.",
				Extra: "The calendar invitation is attached."},
			"cancelled": {Subject: "Cancelled: %s", Lead: "Your registration has been cancelled.",
				Extra: "You can register again while registration is open."},
			"updated": {Subject: "Changed: %s", Lead: "The meeting you registered for has changed. Here are the new details.",
				Extra: "The attached calendar invitation updates your calendar entry."},
			"updated.waitlisted": {Subject: "Changed: %s", Lead: "The meeting you are on the waitlist for has changed. Here are the new details.",
				Extra: "You are still on the waitlist, position %d."},
			"invitation.survey": {Subject: "Invitation to our survey: %s", Lead: "the integration office warmly invites your organisation to take part in this survey.",
				Extra: "Your personal link fills in your organisation's name. You can change your answers through the same link until the survey closes."},
			"reminder.survey": {Subject: "Reminder: %s", Lead: "a friendly reminder of our survey. Your answer helps us shape the network around your needs.",
				Extra: "If you have answered already, please ignore this email."},
			"invitation.meeting": {Subject: "Invitation: %s", Lead: "we warmly invite your organisation to our network meeting.",
				Extra: "Seats are limited; a waitlist fills seats that become free."},
			"reminder.meeting": {Subject: "Reminder: %s", Lead: "a reminder of our network meeting. Registration is still open.",
				Extra: "If you have registered already, please ignore this email."},
		},
	},
}

type lang struct {
	Dir                         string // ltr or rtl
	Greeting, Closing           string
	Weekdays                    [7]string
	Months                      [12]string
	DateFmt                     string // weekday, day, month, year, start, end
	When, Where, Online, Manage string
	ManageHint                  string
	TakeSurvey, Register        string
	InviteHint                  string
	Kinds                       map[string]kindText
}

type kindText struct {
	Subject string // %s: meeting title
	Lead    string // %d: waitlist position (waitlisted only)
	Extra   string // %d: waitlist position (updated.waitlisted only)
}
