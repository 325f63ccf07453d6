package adminapi

import (
	"context"
	"net/http"

	"github.com/integration-offices/netzwerk-backend/shared/admin"
	"github.com/integration-offices/netzwerk-backend/shared/auth"
	"github.com/integration-offices/netzwerk-backend/shared/httpapi"
)

// entryMails queues a check-your-entry mail to each record named
// (ORGANISATIONS.md): 202 with the count queued and the records skipped.
func (h *adminHandlers) entryMails(ctx context.Context, c *auth.Coordinator, req *httpapi.Request, lang string) (httpapi.Response, error) {
	var in admin.EntryMailsRequest
	if _, err := httpapi.DecodeJSON(req, &in); err != nil {
		return httpapi.Response{}, err
	}
	v, err := h.svc.QueueEntryMails(ctx, c, in, lang)
	return httpapi.Respond(http.StatusAccepted, v, err, lang)
}
