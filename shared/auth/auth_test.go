package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/golang-jwt/jwt/v5"

	"github.com/integration-offices/netzwerk-backend/shared/apperr"
)

func TestHasGroup(t *testing.T) {
	for claim, want := range map[string]bool{
		"[coordinators]": true, "[admins coordinators]": true, `["coordinators"]`: true, "coordinators": true,
		"[coordinatorsX]": false, "": false, "[admins]": false,
	} {
		if got := hasGroup(claim, Group); got != want {
			t.Errorf("hasGroup(%q) = %v", claim, got)
		}
	}
}

func TestDevTokenRoundTrip(t *testing.T) {
	key, err := DevKey(filepath.Join(t.TempDir(), "k.pem"))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := DevKey(filepath.Join(t.TempDir(), "k.pem"))
	_ = again
	now := time.Now()
	v := &Verifier{Key: &key.PublicKey, Issuer: DevIssuer, Audience: DevAudience}
	tok, _ := MintDev(key, "kreis-a", time.Hour, now)
	claims, err := v.Verify("Bearer "+tok, now)
	if err != nil {
		t.Fatal(err)
	}
	if claims[ClaimGroups] != "[coordinators]" || claims[ClaimOffice] != "kreis-a" {
		t.Fatalf("claims %v", claims)
	}
	req := &events.APIGatewayV2HTTPRequest{RequestContext: events.APIGatewayV2HTTPRequestContext{
		Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims}}}}
	c, err := FromRequest(req)
	if err != nil || c.Office != "kreis-a" {
		t.Fatalf("coordinator %+v %v", c, err)
	}

	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	forged, _ := MintDev(other, "kreis-a", time.Hour, now)
	expired, _ := MintDev(key, "kreis-a", time.Minute, now.Add(-time.Hour))
	none := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"iss": DevIssuer, "aud": DevAudience, "exp": now.Add(time.Hour).Unix()})
	unsigned, _ := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	wrongAud := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{"iss": DevIssuer, "aud": "someone-else", "exp": now.Add(time.Hour).Unix()})
	wrongAudTok, _ := wrongAud.SignedString(key)
	for name, bearer := range map[string]string{
		"missing": "", "not bearer": "Basic abc", "garbage": "Bearer abc.def.ghi", "wrong key": "Bearer " + forged,
		"expired": "Bearer " + expired, "alg none": "Bearer " + unsigned, "wrong audience": "Bearer " + wrongAudTok,
	} {
		if _, err := v.Verify(bearer, now); err == nil {
			t.Errorf("%s: accepted", name)
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
