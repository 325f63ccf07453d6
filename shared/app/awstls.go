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
// Amazon's roots first, and against the system's only when Amazon's do
// not verify a server's chain (for any reason but its host name).
//
// With the system's roots alone, the first TLS handshake of a process
// parses every certificate of the system's bundle: 145 on this machine,
// 22–24 ms and 1,600 page faults in a program that does nothing else
// (provided.al2023 has a bundle of the same kind), at every cold start,
// before the first DynamoDB call or the link secret's read can be
// answered. Amazon's five are parsed instead.
//
// Each handshake is crypto/tls's own, with its verification of the chain,
// the host name and the key usage; only the roots differ. A server whose
// chain the first tier does not verify (a TLS-inspecting proxy's, an
// expired cross-signature) is dialled again with the system's roots and
// AWS_CA_BUNDLE's, before any byte of a request is sent, and once they
// verified a server, every later connection is made with them: the
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
		fallback: systemRoots(extra),
	}, nil
}

// systemRoots is the system's roots and extra's, made at the first call
// that succeeds (an error is not kept: the next call tries again).
func systemRoots(extra []byte) func() (*x509.CertPool, error) {
	var (
		mu   sync.Mutex
		pool *x509.CertPool
	)
	return func() (*x509.CertPool, error) {
		mu.Lock()
		defer mu.Unlock()
		if pool != nil {
			return pool, nil
		}
		p, err := x509.SystemCertPool()
		if err != nil {
			return nil, err
		}
		p.AppendCertsFromPEM(extra)
		pool = p
		return pool, nil
	}
}

// handshakeTimeout bounds a TLS handshake, as the SDK's transport does.
const handshakeTimeout = 10 * time.Second

// dialTLS dials addr with dial and makes the TLS handshake with the first
// tier's roots, or again with the fallback's when the first tier does not
// verify the server's chain (an unknown authority, or a chain that only
// the fallback's roots complete: crypto/x509 reports the last candidate
// chain's error, an expired cross-signature for one). A certificate for
// another host is refused at once: no roots make it right.
func (v *awsTLS) dialTLS(dial func(ctx context.Context, network, addr string) (net.Conn, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if v.fellBack.Load() {
			return v.handshake(ctx, dial, network, addr, host, v.fallback)
		}
		conn, err := v.handshake(ctx, dial, network, addr, host, v.first)
		if !otherRoots(err) {
			return conn, err
		}
		conn, err = v.handshake(ctx, dial, network, addr, host, v.fallback)
		if err == nil {
			v.fellBack.Store(true) // only once the system's roots verified a server
		}
		return conn, err
	}
}

// otherRoots tells whether a handshake's error is one that other roots
// may not have: a chain that did not verify, but not for its host name.
func otherRoots(err error) bool {
	var cert *tls.CertificateVerificationError
	var host x509.HostnameError
	return errors.As(err, &cert) && !errors.As(err, &host)
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
// whose TLS connections are v's. It speaks HTTP/1.1 (the functions are
// built without the HTTP/2 client). Through a proxy (HTTPS_PROXY), which
// Lambda does not set, the transport makes the handshake with the server
// itself, after CONNECT: with the fallback's roots (the system's and
// AWS_CA_BUNDLE's), read when the transport is built.
func (v *awsTLS) httpClient() *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		dial := tr.DialContext
		if dial == nil {
			dial = (&net.Dialer{}).DialContext
		}
		tr.DialTLSContext = v.dialTLS(dial)
		if proxied() {
			if pool, err := v.fallback(); err == nil {
				if tr.TLSClientConfig == nil {
					tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
				}
				tr.TLSClientConfig.RootCAs = pool
			}
		}
	})
}

// proxied tells whether the environment names a proxy for HTTPS.
func proxied() bool { return os.Getenv("HTTPS_PROXY") != "" || os.Getenv("https_proxy") != "" }
