// Package translate adapts Amazon Translate to admin.Translator: free
// texts of survey answers into German, for the console's report. Only
// the admin function links it, and only builds it when translateAnswers
// is on.
package translate

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	awstranslate "github.com/aws/aws-sdk-go-v2/service/translate"
)

// Region is where the texts are translated: in the EU, beside the table.
const Region = "eu-central-1"

// maxBytes is what one TranslateText call takes, with room to spare
// (the service's limit is 10,000 bytes of UTF-8).
const maxBytes = 9000

// API is the one call of Amazon Translate's client used.
type API interface {
	TranslateText(ctx context.Context, in *awstranslate.TranslateTextInput, optFns ...func(*awstranslate.Options)) (*awstranslate.TranslateTextOutput, error)
}

// Client translates into German.
type Client struct{ api API }

// New is a client in Region on the function's AWS configuration.
func New(cfg aws.Config) *Client {
	cfg = cfg.Copy()
	cfg.Region = Region
	return &Client{api: awstranslate.NewFromConfig(cfg)}
}

// With is a client on api (tests).
func With(api API) *Client { return &Client{api: api} }

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
		res, err := c.api.TranslateText(ctx, &awstranslate.TranslateTextInput{
			Text: aws.String(part), SourceLanguageCode: aws.String(from), TargetLanguageCode: aws.String("de")})
		if err != nil {
			return "", fmt.Errorf("translate from %s: %w", from, err)
		}
		out.WriteString(aws.ToString(res.TranslatedText))
	}
	return out.String(), nil
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
