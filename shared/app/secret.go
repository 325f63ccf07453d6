package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// readSecret returns the string of a Secrets Manager secret: one
// GetSecretValue call (AWS JSON 1.1), signed with the SDK's own SigV4
// signer. It stands in for the Secrets Manager client, which would add
// its package initialisers and ~0.5 MB to every function for this single
// call at start. The endpoint is AWS_ENDPOINT_URL_SECRETS_MANAGER (or
// AWS_ENDPOINT_URL) when set, else the region's public one.
func readSecret(ctx context.Context, cfg aws.Config, client aws.HTTPClient, arn string) (string, error) {
	endpoint, ok, _ := envEndpoints{}.GetServiceBaseEndpoint(ctx, "Secrets Manager")
	if !ok {
		endpoint = "https://secretsmanager." + cfg.Region + ".amazonaws.com"
	}
	body, err := json.Marshal(map[string]string{"SecretId": arn})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(endpoint, "/")+"/", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "secretsmanager.GetSecretValue")
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "secretsmanager", cfg.Region, time.Now()); err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", err
	}
	var out struct {
		SecretString *string
		Type         string `json:"__type"`
		Message      string `json:"message"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("secrets manager: HTTP %d, unreadable answer", resp.StatusCode)
	}
	if resp.StatusCode != http.StatusOK {
		// The error names the kind (AccessDeniedException, …), never the secret.
		return "", fmt.Errorf("secrets manager: HTTP %d %s %s", resp.StatusCode, out.Type, out.Message)
	}
	if out.SecretString == nil {
		return "", errors.New("secrets manager: the secret has no string value")
	}
	return *out.SecretString, nil
}
