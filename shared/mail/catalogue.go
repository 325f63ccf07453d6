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
		},
	},
	"en": {
		Dir: "ltr", Greeting: "Hello %s,", Closing: "Kind regards\nYour integration office",
		Weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		Months:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		DateFmt:  "%[1]s, %[2]d %[3]s %[4]d, %[5]s–%[6]s",
		When:     "When", Where: "Where", Online: "Online", Manage: "View or cancel your registration",
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
	Kinds                       map[string]kindText
}

type kindText struct {
	Subject string // %s: meeting title
	Lead    string // %d: waitlist position (waitlisted only)
	Extra   string
}
