package invitation

import (
	"fmt"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Limits of a reminder plan (remindAfterDays of a survey or meeting).
const (
	MaxPlanned   = 5  // reminders in a plan
	MaxRemindDay = 90 // days after the invitation
)

// CheckPlan checks a reminder plan at path: at most MaxPlanned days, each
// from 1 to MaxRemindDay, strictly ascending.
func CheckPlan(f *validation.Fields, path string, days []int) {
	if len(days) > MaxPlanned {
		f.Add(path, "max", "def_remind_days", MaxPlanned, 1, MaxRemindDay)
		return
	}
	for i, d := range days {
		if d < 1 || d > MaxRemindDay || (i > 0 && d <= days[i-1]) {
			f.Add(fmt.Sprintf("%s[%d]", path, i), "range", "def_remind_days", MaxPlanned, 1, MaxRemindDay)
			return
		}
	}
}

// NextReminder is when reminder number sent (0-based: how many of the
// plan went out) of an invitation made at invited is due, or zero when
// the plan has no more before until (zero: no end).
func NextReminder(plan []int, invited time.Time, sent int, until time.Time) time.Time {
	if sent < 0 || sent >= len(plan) {
		return time.Time{}
	}
	at := invited.Add(time.Duration(plan[sent]) * 24 * time.Hour)
	if !until.IsZero() && !at.Before(until) {
		return time.Time{}
	}
	return at
}
