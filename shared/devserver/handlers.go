package devserver

import (
	"fmt"

	"github.com/integration-offices/netzwerk-backend/shared/app"
	"github.com/integration-offices/netzwerk-backend/shared/routes"
)

// builders names the builder of every HTTP function of the route table:
// the same ones the functions' mains call.
var builders = map[routes.Function]func(app.Deps) (app.Handler, error){
	routes.Survey:  app.Survey,
	routes.Meeting: app.Meeting,
	routes.Admin:   app.Admin,
}

// Handlers builds the handler of every HTTP function of the route table.
func Handlers(d app.Deps) (map[routes.Function]app.Handler, error) {
	out := map[routes.Function]app.Handler{}
	for _, f := range routes.Functions() {
		b, ok := builders[f]
		if !ok {
			return nil, fmt.Errorf("devserver: no builder for function %s", f)
		}
		h, err := b(d)
		if err != nil {
			return nil, fmt.Errorf("function %s: %w", f, err)
		}
		out[f] = h
	}
	return out, nil
}
