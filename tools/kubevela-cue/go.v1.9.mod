// KubeVela v1.9 (see README.md): cuelang.org/go and kin-openapi as that release's go.mod pins them.
module example.org/realtime/tools/kubevela-cue

go 1.22

require (
	cuelang.org/go v0.5.0
	github.com/cue-exp/kubevelafix v0.0.0-20220922150317-aead819d979d
	github.com/getkin/kin-openapi v0.118.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/cockroachdb/apd/v2 v2.0.2 // indirect
	github.com/go-openapi/jsonpointer v0.19.5 // indirect
	github.com/go-openapi/swag v0.19.15 // indirect
	github.com/google/uuid v1.3.0 // indirect
	github.com/invopop/yaml v0.1.0 // indirect
	github.com/josharian/intern v1.0.0 // indirect
	github.com/mailru/easyjson v0.7.7 // indirect
	github.com/mohae/deepcopy v0.0.0-20170929034955-c48cc78d4826 // indirect
	github.com/mpvl/unique v0.0.0-20150818121801-cbe035fff7de // indirect
	github.com/perimeterx/marshmallow v1.1.4 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	golang.org/x/net v0.0.0-20220722155237-a158d28d115b // indirect
	golang.org/x/text v0.14.0 // indirect
	gopkg.in/yaml.v2 v2.4.0 // indirect
)
