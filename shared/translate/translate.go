// Package translate adapts Amazon Translate to admin.Translator: free
// texts of survey answers into German, for the console's report. Only
// the admin function links it, and only builds it when translateAnswers
// is on.
//
// It makes the one call it needs (TranslateText, JSON 1.1 protocol)
// with the SDK's own SigV4 signer and the function's credentials rather
// than through the service/translate client: that client and its
// generated operations are 720 KB of the admin bootstrap, which has less
// than 100 KB left of its budget (make size).
package translate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Region is where the texts are translated: in the EU, beside the table.
const Region = "eu-central-1"

// maxBytes is what one TranslateText call takes, with room to spare
// (the service's limit is 10,000 bytes of UTF-8).
const maxBytes = 9000

// Client translates into German.
type Client struct {
	creds    aws.CredentialsProvider
	http     aws.HTTPClient
	endpoint string
	signer   *v4.Signer
	now      func() time.Time
}

// New is a client in Region on the function's AWS configuration.
func New(cfg aws.Config) *Client {
	return NewAt(cfg, "https://translate."+Region+".amazonaws.com/")
}

// NewAt is a client that sends to endpoint (tests: a local server).
func NewAt(cfg aws.Config, endpoint string) *Client {
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	return &Client{creds: cfg.Credentials, http: hc, endpoint: endpoint, signer: v4.NewSigner(), now: time.Now}
}

type request struct {
	Text               string
	SourceLanguageCode string
	TargetLanguageCode string
}

// ToGerman translates text from the language from (the answer's) into
// German, a long text in parts split at line ends or spaces. Errors name
// no text.
func (c *Client) ToGerman(ctx context.Context, text, from string) (string, error) {
	var out strings.Builder
	for _, part := range Split(text, maxBytes) {
		if strings.TrimSpace(part) == "" {
			out.WriteString(part)
			continue
		}
		g, err := c.call(ctx, request{Text: part, SourceLanguageCode: from, TargetLanguageCode: "de"})
		if err != nil {
			return "", fmt.Errorf("translate from %s: %w", from, err)
		}
		out.WriteString(g)
	}
	return out.String(), nil
}

func (c *Client) call(ctx context.Context, in request) (string, error) {
	if c.creds == nil {
		return "", fmt.Errorf("no AWS credentials")
	}
	body, err := json.Marshal(in)
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "AWSShineFrontendService_20170701.TranslateText")
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return "", fmt.Errorf("credentials: %w", err)
	}
	sum := sha256.Sum256(body)
	if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "translate", Region, c.now()); err != nil {
		return "", fmt.Errorf("sign: %w", err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", err
	}
	var out struct {
		TranslatedText string
		Type           string `json:"__type"`
	}
	_ = json.Unmarshal(raw, &out)
	if resp.StatusCode != http.StatusOK {
		// The error's type only: its message may quote the text.
		return "", fmt.Errorf("status %d %s", resp.StatusCode, out.Type)
	}
	return out.TranslatedText, nil
}

// Split cuts text into parts of at most n bytes, each ending at a line
// end or a space where one is in the part's second half, never inside a
// character.
func Split(text string, n int) []string {
	var parts []string
	for len(text) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		if i := strings.LastIndexAny(text[:cut], "\n "); i >= cut/2 {
			cut = i + 1
		}
		parts, text = append(parts, text[:cut]), text[cut:]
	}
	return append(parts, text)
}
