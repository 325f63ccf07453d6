// Command devtoken prints a coordinator JWT for an office (default: demo)
// that the local dev server accepts: `scripts/dev-token [office]`.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/integration-offices/netzwerk-backend/shared/auth/devtoken"
	"github.com/integration-offices/netzwerk-backend/shared/localaws"
)

func main() {
	office := "demo"
	if len(os.Args) > 1 {
		office = os.Args[1]
	}
	if err := run(office); err != nil {
		fmt.Fprintln(os.Stderr, "dev-token:", err)
		os.Exit(1)
	}
}

func run(office string) error {
	root, err := localaws.FindRoot()
	if err != nil {
		return err
	}
	dir := os.Getenv("DEV_DATA_DIR")
	if dir == "" {
		dir = filepath.Join(root, ".dev")
	}
	key, err := devtoken.Key(filepath.Join(dir, "jwt-dev-key.pem"))
	if err != nil {
		return err
	}
	tok, err := devtoken.Mint(key, office, 12*time.Hour, time.Now())
	if err != nil {
		return err
	}
	fmt.Println(tok)
	return nil
}
