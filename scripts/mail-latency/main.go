// Command mail-latency measures, against a running `make dev`, the time
// from a registration's 201 to its email in the local SES inbox: N
// registrations one after another, then the median and the worst. It
// cancels its registrations afterwards (their seats go back, and the
// cancellation mails are sent as usual). Each registration comes from an
// address of its own in 127.0.0.0/8, as the dev server's per-client limits
// (per hour and per meeting, as in AWS) would refuse a run from one.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"
)

func main() {
	api := flag.String("api", "http://127.0.0.1:8080", "API base URL")
	ses := flag.String("ses", "http://127.0.0.1:8005", "local SES base URL")
	meeting := flag.String("meeting", "demo-network-meeting", "meeting id")
	n := flag.Int("n", 50, "registrations")
	flag.Parse()
	if err := run(*api, *ses, *meeting, *n); err != nil {
		fmt.Fprintln(os.Stderr, "mail-latency:", err)
		os.Exit(1)
	}
}

type mail struct {
	Destination struct{ To []string }
	Body        struct{ Text string }
}

var manage = regexp.MustCompile(`/registrations/([A-Za-z0-9_-]+)`)

func run(api, ses, meeting string, n int) error {
	run := time.Now().UnixNano()
	var lat []time.Duration
	var tokens []string
	for i := 0; i < n; i++ {
		email := fmt.Sprintf("latency-%d-%d@latency.example", run, i)
		body := fmt.Sprintf(`{"name":"Latenz %d","email":%q,"language":"de","consent":{"privacy":true}}`, i, email)
		resp, err := client(i).Post(api+"/meetings/"+meeting+"/registrations", "application/json", strings.NewReader(body))
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != 201 {
			return fmt.Errorf("registration %d: status %d", i, resp.StatusCode)
		}
		start := time.Now()
		for {
			m, err := find(ses, email)
			if err != nil {
				return err
			}
			if m != nil {
				lat = append(lat, time.Since(start))
				if t := manage.FindStringSubmatch(m.Body.Text); t != nil {
					tokens = append(tokens, t[1])
				}
				break
			}
			if time.Since(start) > 30*time.Second {
				return fmt.Errorf("registration %d: no mail after 30 s", i)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	for _, t := range tokens {
		req, _ := http.NewRequest(http.MethodDelete, api+"/registrations/"+t, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}
	slices.Sort(lat)
	fmt.Printf("registration 201 → mail in the local SES inbox, %d runs: median %v, worst %v, best %v\n",
		len(lat), lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond), lat[0].Round(time.Millisecond))
	return nil
}

// client is an HTTP client whose connections come from 127.1.x.y, one
// address for each i.
func client(i int) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 1, byte(i/250), byte(1+i%250))}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
}

func find(ses, email string) (*mail, error) {
	resp, err := http.Get(ses + "/store?since=" + fmt.Sprint(time.Now().Add(-time.Minute).Unix()))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var store struct{ Emails []mail }
	if err := json.NewDecoder(resp.Body).Decode(&store); err != nil {
		return nil, err
	}
	for i := range store.Emails {
		for _, to := range store.Emails[i].Destination.To {
			if strings.Contains(to, email) {
				return &store.Emails[i], nil
			}
		}
	}
	return nil, nil
}
