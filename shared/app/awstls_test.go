package app

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestAmazonRootsAreTheFive: the embedded roots are Amazon Trust
// Services' five, by their SHA-256 fingerprints as
// https://www.amazontrust.com/repository/ lists them.
func TestAmazonRootsAreTheFive(t *testing.T) {
	want := map[string]string{
		"8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e": "Amazon Root CA 1",
		"1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4": "Amazon Root CA 2",
		"18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4": "Amazon Root CA 3",
		"e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092": "Amazon Root CA 4",
		"568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5": "Starfield Services Root Certificate Authority - G2",
	}
	rest, n := amazonRootsPEM, 0
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(c.Raw)
		if name, ok := want[hex.EncodeToString(sum[:])]; !ok || name != c.Subject.CommonName || !c.IsCA {
			t.Errorf("an embedded root that is not one of Amazon's five: %s", c.Subject)
		}
		n++
	}
	if n != len(want) {
		t.Errorf("%d roots embedded, want %d", n, len(want))
	}
}

// ca is a test authority that issues server certificates.
type ca struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newCA(t *testing.T, name string) ca {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return ca{c, key}
}

func (a ca) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(a.cert)
	return p
}

func (a ca) pem() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: a.cert.Raw})
}

// server is an HTTPS server on 127.0.0.1 with a's certificate for host,
// valid until notAfter.
func (a ca) server(t *testing.T, host string, notAfter time.Time) *httptest.Server {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: host},
		NotBefore: time.Now().Add(-2 * time.Hour), NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	if ip := net.ParseIP(host); ip != nil {
		tpl.IPAddresses = []net.IP{ip}
	} else {
		tpl.DNSNames = []string{host}
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, a.cert, &key.PublicKey, a.key)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) }))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// TestAWSTLS: a server whose chain ends at a first-tier root (Amazon's)
// is verified without the fallback (the system's roots); one whose chain
// ends at a fallback root is dialled again with those, and so is every
// later connection once they verified one, also when the first tier
// fails it for another reason than an unknown authority (an expired
// cross-signature that only the fallback's root makes unnecessary); a
// stranger's certificate and an expired one are refused after both, and
// switch nothing; a certificate for another host (here an IP address,
// which crypto/tls checks too) is refused by the first alone.
func TestAWSTLS(t *testing.T) {
	amazon, system, stranger := newCA(t, "Amazon stand-in"), newCA(t, "system stand-in"), newCA(t, "stranger")
	later := time.Now().Add(time.Hour)
	for _, c := range []struct {
		name              string
		srv               *httptest.Server
		ok                bool
		firsts, fallbacks int32 // handshakes with each tier, of two requests
	}{
		{"Amazon's", amazon.server(t, "127.0.0.1", later), true, 2, 0},
		{"the system's", system.server(t, "127.0.0.1", later), true, 1, 2},
		{"the system's, through an expired cross-signature by Amazon's", crossSigned(t, amazon, system), true, 1, 2},
		{"a stranger's", stranger.server(t, "127.0.0.1", later), false, 2, 2},
		{"Amazon's, expired", amazon.server(t, "127.0.0.1", time.Now().Add(-time.Hour)), false, 2, 2},
		{"Amazon's, for another host", amazon.server(t, "dynamodb.eu-central-1.amazonaws.com", later), false, 2, 0},
	} {
		var firsts, fallbacks atomic.Int32
		v := &awsTLS{
			first:    func() (*x509.CertPool, error) { firsts.Add(1); return amazon.pool(), nil },
			fallback: func() (*x509.CertPool, error) { fallbacks.Add(1); return system.pool(), nil },
		}
		client := &http.Client{Transport: &http.Transport{DialTLSContext: v.dialTLS((&net.Dialer{}).DialContext), DisableKeepAlives: true}}
		for range 2 {
			resp, err := client.Get(c.srv.URL)
			if err == nil {
				resp.Body.Close()
			}
			if (err == nil) != c.ok {
				t.Errorf("%s: %v, want ok=%v", c.name, err, c.ok)
			}
			if !c.ok && err != nil && !strings.Contains(err.Error(), "certificate") {
				t.Errorf("%s: %v, want a certificate error", c.name, err)
			}
		}
		if firsts.Load() != c.firsts || fallbacks.Load() != c.fallbacks {
			t.Errorf("%s: %d first-tier and %d fallback handshakes, want %d and %d", c.name, firsts.Load(), fallbacks.Load(), c.firsts, c.fallbacks)
		}
	}
}

// crossSigned is a server whose chain is leaf → intermediate → root's
// certificate cross-signed by other, expired: other's roots do not verify
// it (crypto/x509 reports the expired cross-signature), root's do.
func crossSigned(t *testing.T, other, root ca) *httptest.Server {
	t.Helper()
	issue := func(parent ca, subject pkix.Name, pub *ecdsa.PublicKey, notAfter time.Time) *x509.Certificate {
		tpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: subject,
			NotBefore: time.Now().Add(-3 * time.Hour), NotAfter: notAfter,
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
		der, err := x509.CreateCertificate(rand.Reader, tpl, parent.cert, pub, parent.key)
		if err != nil {
			t.Fatal(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cross := issue(other, root.cert.Subject, &root.key.PublicKey, time.Now().Add(-2*time.Hour))
	ikey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	inter := ca{issue(root, pkix.Name{CommonName: "intermediate"}, &ikey.PublicKey, time.Now().Add(time.Hour)), ikey}
	srv := inter.server(t, "127.0.0.1", time.Now().Add(time.Hour))
	leaf := srv.TLS.Certificates[0]
	srv.TLS.Certificates[0].Certificate = [][]byte{leaf.Certificate[0], inter.cert.Raw, cross.Raw}
	return srv
}

// TestAWSConfigTrustsTheCABundle: the functions' SDK configuration (and
// the link secret's read, which uses its client) trusts AWS_CA_BUNDLE's
// roots with Amazon's and refuses a stranger; a bundle that is missing or
// holds no certificate fails at start.
func TestAWSConfigTrustsTheCABundle(t *testing.T) {
	mine, stranger := newCA(t, "bundle"), newCA(t, "stranger")
	bundle := filepath.Join(t.TempDir(), "bundle.pem")
	if err := os.WriteFile(bundle, mine.pem(), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_REGION", "eu-central-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_CA_BUNDLE", bundle)
	cfg, err := AWSConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	for _, c := range []struct {
		srv *httptest.Server
		ok  bool
	}{{mine.server(t, "127.0.0.1", later), true}, {stranger.server(t, "127.0.0.1", later), false}} {
		req, _ := http.NewRequest(http.MethodGet, c.srv.URL, nil)
		resp, err := cfg.HTTPClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.srv.URL, err, c.ok)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty.pem")
	if err := os.WriteFile(empty, []byte("no certificate here\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{filepath.Join(t.TempDir(), "missing.pem"), empty} {
		t.Setenv("AWS_CA_BUNDLE", name)
		if _, err := AWSConfig(context.Background()); err == nil || !strings.Contains(err.Error(), "AWS_CA_BUNDLE") {
			t.Errorf("AWS_CA_BUNDLE=%s: %v, want an error naming it", filepath.Base(name), err)
		}
	}
}
