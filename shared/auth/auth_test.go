package auth

import (
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

func TestHasGroup(t *testing.T) {
	for claim, want := range map[string]bool{
		"[coordinators]": true, "[admins coordinators]": true, `["coordinators"]`: true, "coordinators": true,
		"[coordinatorsX]": false, "": false, "[admins]": false,
		// Group names are matched whole: a group named "viewers,coordinators"
		// is not the coordinators group.
		"[viewers,coordinators]": false, "viewers,coordinators": false, `["viewers,coordinators"]`: false,
		`["admins","coordinators"]`: true, "[coordinators,]": false,
	} {
		if got := hasGroup(claim, Group); got != want {
			t.Errorf("hasGroup(%q) = %v", claim, got)
		}
	}
}

func TestFromRequestCodes(t *testing.T) {
	mk := func(c map[string]string) *events.APIGatewayV2HTTPRequest {
		return &events.APIGatewayV2HTTPRequest{RequestContext: events.APIGatewayV2HTTPRequestContext{
			Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: c}}}}
	}
	for _, tt := range []struct {
		req  *events.APIGatewayV2HTTPRequest
		want apperr.Code
	}{
		{&events.APIGatewayV2HTTPRequest{}, apperr.Unauthorized},
		{mk(map[string]string{"sub": "x"}), apperr.Forbidden},
		{mk(map[string]string{"sub": "x", ClaimGroups: "[coordinators]"}), apperr.Forbidden},
		{mk(map[string]string{"sub": "x", ClaimGroups: "[coordinators]", ClaimOffice: "../x"}), apperr.Forbidden},
		{mk(map[string]string{ClaimGroups: "[coordinators]", ClaimOffice: "demo"}), apperr.Unauthorized},
	} {
		if _, err := FromRequest(tt.req); apperr.CodeOf(err) != tt.want {
			t.Errorf("%+v: %v, want %s", tt.req.RequestContext.Authorizer, err, tt.want)
		}
	}
}
