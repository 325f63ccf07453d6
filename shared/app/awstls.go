package app

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	_ "embed"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// amazonRootsPEM are Amazon Trust Services' five roots: the certificates
// of AWS's service endpoints (DynamoDB, SES, Secrets Manager) chain to
// them.
//
//go:embed amazon-roots.pem
var amazonRootsPEM []byte

// awsTLS verifies the servers of the functions' AWS calls against
// Amazon's roots first, and against the system's only when a server's
// chain ends at an authority that Amazon's are not.
//
// With the system's roots alone, the first TLS handshake of a process
// parses every certificate of the system's bundle: 145 on this machine,
// 22–24 ms and 1,600 page faults in a program that does nothing else
// (provided.al2023 has a bundle of the same kind), at every cold start,
// before the first DynamoDB call or the link secret's read can be
// answered. Amazon's five are parsed instead.
//
// Each handshake is crypto/tls's own, with its verification of the chain,
// the host name and the key usage; only the roots differ. A server that
// the first tier does not know (a TLS-inspecting proxy's, a stand-in's) is
// dialled again with the system's roots and AWS_CA_BUNDLE's, before any
// byte of a request is sent, and so is every later connection: the
// servers accepted are those the system's roots accept, plus
// AWS_CA_BUNDLE's as the SDK takes them (TestAWSTLS).
type awsTLS struct {
	first    func() (*x509.CertPool, error) // Amazon's roots and AWS_CA_BUNDLE's
	fallback func() (*x509.CertPool, error) // the system's and AWS_CA_BUNDLE's
	fellBack atomic.Bool                    // a server chained elsewhere: the fallback from then on
}

// newAWSTLS reads AWS_CA_BUNDLE (if set: a PEM file of more roots to
// trust, as the SDK documents it) at once; the roots are parsed at the
// first handshake.
func newAWSTLS(getenv func(string) string) (*awsTLS, error) {
	var extra []byte
	if name := getenv("AWS_CA_BUNDLE"); name != "" {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("config: AWS_CA_BUNDLE: %w", err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(b) {
			return nil, errors.New("config: AWS_CA_BUNDLE holds no PEM certificate")
		}
		extra = b
	}
	return &awsTLS{
		first: sync.OnceValues(func() (*x509.CertPool, error) {
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(amazonRootsPEM) {
				return nil, errors.New("tls: the embedded Amazon roots do not parse")
			}
			pool.AppendCertsFromPEM(extra)
			return pool, nil
		}),
		fallback: sync.OnceValues(func() (*x509.CertPool, error) {
			pool, err := x509.SystemCertPool()
			if err != nil {
				return nil, err
			}
			pool.AppendCertsFromPEM(extra)
			return pool, nil
		}),
	}, nil
}

// handshakeTimeout bounds a TLS handshake, as the SDK's transport does.
const handshakeTimeout = 10 * time.Second

// dialTLS dials addr with dial and makes the TLS handshake with the first
// tier's roots, or with the fallback's when the server's chain ends at an
// authority the first tier does not know.
func (v *awsTLS) dialTLS(dial func(ctx context.Context, network, addr string) (net.Conn, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		roots := v.first
		if v.fellBack.Load() {
			roots = v.fallback
		}
		conn, err := v.handshake(ctx, dial, network, addr, host, roots)
		var unknown x509.UnknownAuthorityError
		if err != nil && !v.fellBack.Load() && errors.As(err, &unknown) {
			v.fellBack.Store(true)
			conn, err = v.handshake(ctx, dial, network, addr, host, v.fallback)
		}
		return conn, err
	}
}

func (v *awsTLS) handshake(ctx context.Context, dial func(ctx context.Context, network, addr string) (net.Conn, error), network, addr, host string, roots func() (*x509.CertPool, error)) (net.Conn, error) {
	pool, err := roots()
	if err != nil {
		return nil, err
	}
	raw, err := dial(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
	defer cancel()
	conn := tls.Client(raw, &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: pool, ServerName: host})
	if err := conn.HandshakeContext(ctx); err != nil {
		raw.Close()
		return nil, err
	}
	return conn, nil
}

// httpClient is the SDK's HTTP client (its dialer, timeouts and pooling)
// whose TLS connections are v's. Through a proxy (HTTPS_PROXY), which
// Lambda does not set, the transport makes the handshake itself, with the
// system's roots, as without this.
func (v *awsTLS) httpClient() *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		dial := tr.DialContext
		if dial == nil {
			dial = (&net.Dialer{}).DialContext
		}
		tr.DialTLSContext = v.dialTLS(dial)
	})
}
