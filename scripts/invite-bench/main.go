// Command invite-bench measures, against a running `make dev`, inviting
// -n organisations (2,000) to a fresh survey: the wall time of the upload
// and the time until every invitation mail is in the local SES inbox, and
// checks that every address got exactly one. The dev server's mailer paces
// to the local SES account's rate (SES_MAX_SEND_RATE, 14 mails/s: a new
// production account's); SES_THROTTLE=3 makes SES refuse every third send
// as over the rate.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
)

func main() {
	api := flag.String("api", "http://127.0.0.1:8080", "API base URL")
	ses := flag.String("ses", "http://127.0.0.1:8005", "local SES base URL")
	n := flag.Int("n", 2000, "organisations")
	flag.Parse()
	if err := run(*api, *ses, *n); err != nil {
		fmt.Fprintln(os.Stderr, "invite-bench:", err)
		os.Exit(1)
	}
}

func run(api, ses string, n int) error {
	root, err := localaws.FindRoot()
	if err != nil {
		return err
	}
	dir := os.Getenv("DEV_DATA_DIR") // as make dev
	if dir == "" {
		dir = filepath.Join(root, ".dev")
	}
	key, err := devtoken.Key(filepath.Join(dir, "jwt-dev-key.pem"))
	if err != nil {
		return err
	}
	token, err := devtoken.Mint(key, "demo", time.Hour, time.Now())
	if err != nil {
		return err
	}
	stamp := time.Now().Unix()
	def := fmt.Sprintf(`{"id":"bench-%d","title":{"de":"Bench %d"},"questions":[{"id":"org_name","type":"text","label":{"de":"Name"},"required":true}]}`, stamp, stamp)
	created, err := call(api+"/admin/surveys", token, def, 201)
	if err != nil {
		return err
	}
	var survey struct{ ID string }
	if err := json.Unmarshal([]byte(created), &survey); err != nil {
		return err
	}
	domain := fmt.Sprintf("bench%d.example", stamp)
	// One upload holds at most 2,000 rows: larger waves go in parts.
	const part = 2000
	start := time.Now()
	var bodies []string
	for from := 0; from < n; from += part {
		var b strings.Builder
		b.WriteString(`{"invitations":[`)
		for i := from; i < min(from+part, n); i++ {
			if i > from {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"organisation":"Verein %d e.V.","email":"org%d@%s"}`, i, i, domain)
		}
		b.WriteString("]}")
		got, err := call(api+"/admin/surveys/"+survey.ID+"/invitations", token, b.String(), 201)
		if err != nil {
			return err
		}
		bodies = append(bodies, strings.TrimSpace(got))
	}
	body := strings.Join(bodies, " ")
	upload := time.Since(start)
	for {
		_, got, err := mails(ses, domain)
		if err != nil {
			return err
		}
		if got >= n {
			break
		}
		if time.Since(start) > 20*time.Minute {
			return fmt.Errorf("only %d of %d addresses mailed after 20 minutes", got, n)
		}
		time.Sleep(500 * time.Millisecond)
	}
	all := time.Since(start)
	time.Sleep(5 * time.Second) // a late second mail would come now
	total, distinct, err := mails(ses, domain)
	if err != nil {
		return err
	}
	if total != n || distinct != n {
		return fmt.Errorf("%d mails to %d addresses, want %d, each once", total, distinct, n)
	}
	fmt.Printf("inviting %d organisations under make dev: upload %v (%s), all %d mails in the inbox after %v (%.1f mails/s overall), each address exactly once\n",
		n, upload.Round(time.Millisecond), strings.TrimSpace(body), n, all.Round(100*time.Millisecond), float64(n)/all.Seconds())
	return nil
}

func call(url, token, body string, want int) (string, error) {
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		return "", fmt.Errorf("%s: %d %s", url, resp.StatusCode, b)
	}
	return string(b), nil
}

// mails counts the mails in the inbox to domain, and their addresses.
func mails(ses, domain string) (total, distinct int, err error) {
	resp, err := http.Get(ses + "/store")
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	var store struct {
		Emails []struct{ Destination struct{ To []string } }
	}
	if err := json.NewDecoder(resp.Body).Decode(&store); err != nil {
		return 0, 0, err
	}
	seen := map[string]bool{}
	for _, m := range store.Emails {
		if len(m.Destination.To) == 0 {
			continue
		}
		// "Verein 1 e.V." <org1@bench….example>
		to := m.Destination.To[0]
		if i := strings.LastIndexByte(to, '<'); i >= 0 {
			to = strings.TrimSuffix(to[i+1:], ">")
		}
		if strings.HasSuffix(to, "@"+domain) {
			total++
			seen[to] = true
		}
	}
	return total, len(seen), nil
}
