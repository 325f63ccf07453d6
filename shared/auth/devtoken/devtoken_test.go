package devtoken

import (
	"crypto/rand"
	"crypto/rsa"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/golang-jwt/jwt/v5"

	"github.com/integration-offices/netzwerk-backend/shared/auth"
)

func TestDevTokenRoundTrip(t *testing.T) {
	key, err := Key(filepath.Join(t.TempDir(), "k.pem"))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Key(filepath.Join(t.TempDir(), "k.pem"))
	_ = again
	now := time.Now()
	v := &Verifier{Key: &key.PublicKey, Issuer: Issuer, Audience: Audience}
	tok, _ := Mint(key, "kreis-a", time.Hour, now)
	claims, err := v.Verify("Bearer "+tok, now)
	if err != nil {
		t.Fatal(err)
	}
	if claims[auth.ClaimGroups] != "[coordinators]" || claims[auth.ClaimOffice] != "kreis-a" {
		t.Fatalf("claims %v", claims)
	}
	req := &events.APIGatewayV2HTTPRequest{RequestContext: events.APIGatewayV2HTTPRequestContext{
		Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims}}}}
	c, err := auth.FromRequest(req)
	if err != nil || c.Office != "kreis-a" {
		t.Fatalf("coordinator %+v %v", c, err)
	}

	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	forged, _ := Mint(other, "kreis-a", time.Hour, now)
	expired, _ := Mint(key, "kreis-a", time.Minute, now.Add(-time.Hour))
	none := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"iss": Issuer, "aud": Audience, "exp": now.Add(time.Hour).Unix()})
	unsigned, _ := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	wrongAud := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{"iss": Issuer, "aud": "someone-else", "exp": now.Add(time.Hour).Unix()})
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
