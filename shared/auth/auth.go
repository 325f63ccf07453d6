// Package auth reads who a coordinator is from the claims that the HTTP
// API's JWT authorizer (Cognito in AWS, the dev server's verifier locally)
// puts into the event, or that the console read from its verified session
// cookie (FromClaims: the same rules). Handlers trust only these claims and refuse requests
// without them, so a route that lost its authorizer stays closed.
package auth

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
	"github.com/integration-offices/netzwerk-backend/shared/validation"
)

// Claim names, as Cognito issues them.
const (
	ClaimGroups = "cognito:groups"
	ClaimOffice = "custom:office"
	ClaimSub    = "sub"
	// Group is the Cognito group of coordinators.
	Group = "coordinators"
)

// Coordinator is the caller of an admin route.
type Coordinator struct {
	Subject string
	Office  string
}

// FromRequest returns the coordinator of an admin request: Unauthorized
// without authorizer claims, Forbidden without the coordinators group or a
// valid office claim.
func FromRequest(req *events.APIGatewayV2HTTPRequest) (*Coordinator, error) {
	a := req.RequestContext.Authorizer
	if a == nil || a.JWT == nil || len(a.JWT.Claims) == 0 {
		return nil, apperr.New(apperr.Unauthorized, "unauthorized")
	}
	return FromClaims(a.JWT.Claims)
}

// FromClaims applies the claim rules to verified claims, flattened as API
// Gateway passes them (arrays as "[a b]"): the console reads its session
// cookie's claims with the same rules.
func FromClaims(c map[string]string) (*Coordinator, error) {
	if c[ClaimSub] == "" {
		return nil, apperr.New(apperr.Unauthorized, "unauthorized")
	}
	if !hasGroup(c[ClaimGroups], Group) {
		return nil, apperr.New(apperr.Forbidden, "not_coordinator")
	}
	office := c[ClaimOffice]
	if !validation.ValidID(office) {
		return nil, apperr.New(apperr.Forbidden, "no_office")
	}
	return &Coordinator{Subject: c[ClaimSub], Office: office}, nil
}

// Flatten writes a verified claim as API Gateway passes claims to Lambda:
// strings as they are, numbers without exponent, arrays as "[a b]".
func Flatten(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(t)
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = Flatten(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprint(v)
}

// hasGroup reads a groups claim as API Gateway passes it — "[a b]" for a
// JSON array, a JSON array text, or a single name — and matches whole
// names only: Cognito group names hold no white space, so the array form
// splits on it, and "viewers,coordinators" stays one (other) group.
func hasGroup(claim, group string) bool {
	claim = strings.TrimSpace(claim)
	var names []string
	if err := json.Unmarshal([]byte(claim), &names); err != nil {
		names = strings.Fields(strings.TrimSuffix(strings.TrimPrefix(claim, "["), "]"))
	}
	return slices.Contains(names, group)
}
