package localaws_test

import (
	"bufio"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestListensOnLoopbackOnly reads the kernel's socket tables: every
// listening socket on the stand-ins' ports is bound to 127.0.0.1.
func TestListensOnLoopbackOnly(t *testing.T) {
	for _, raw := range []string{testenv.DynamoURL(t), testenv.SESURL(t)} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		port, _ := strconv.Atoi(u.Port())
		addrs := listeners(t, port)
		if len(addrs) == 0 {
			t.Fatalf("%s: no listening socket found on port %d", raw, port)
		}
		for _, a := range addrs {
			if a != "0100007F" && a != "0000000000000000FFFF00000100007F" {
				t.Errorf("%s listens on %s, want 127.0.0.1 only", raw, a)
			}
		}
	}
}

// listeners returns the hex local addresses of LISTEN sockets on port.
func listeners(t *testing.T, port int) []string {
	var out []string
	for _, file := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(file)
		if err != nil {
			t.Skipf("no %s: %v", file, err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 4 || fields[3] != "0A" { // 0A = LISTEN
				continue
			}
			addr, p, ok := strings.Cut(fields[1], ":")
			if !ok {
				continue
			}
			if n, _ := strconv.ParseInt(p, 16, 32); int(n) == port {
				out = append(out, addr)
			}
		}
		f.Close()
	}
	return out
}
