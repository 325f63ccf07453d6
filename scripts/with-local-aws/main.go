// Command with-local-aws runs a command with DynamoDB Local and the local
// SES server started on free loopback ports (in memory), their URLs in the
// environment, and stops them afterwards: `make test` runs the whole test
// suite against one stack this way.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/integration-offices/netzwerk-backend/shared/localaws"
	"github.com/integration-offices/netzwerk-backend/shared/testenv"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: with-local-aws -- command [args…]")
		os.Exit(2)
	}
	os.Exit(run(args))
}

func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root, err := localaws.FindRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	stack, err := localaws.Start(ctx, localaws.Options{Root: root, DatabasePerKey: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "with-local-aws:", err)
		return 1
	}
	defer stack.Stop()
	stack.Setenv()
	os.Setenv(testenv.EnvDynamo, stack.DynamoURL)
	os.Setenv(testenv.EnvSES, stack.SESURL)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "with-local-aws:", err)
		return 1
	}
	return 0
}
