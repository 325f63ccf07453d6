//go:build !race

package adminapi_test

// raceEnabled: the tests run under the race detector.
const raceEnabled = false
