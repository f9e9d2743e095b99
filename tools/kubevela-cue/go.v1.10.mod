// KubeVela v1.10 (see README.md): cuelang.org/go and kin-openapi as that release's go.mod pins them.
module example.org/realtime/tools/kubevela-cue

go 1.23.0

require (
	cuelang.org/go v0.9.2
	github.com/cue-exp/kubevelafix v0.0.0-20220922150317-aead819d979d
	github.com/getkin/kin-openapi v0.131.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/cockroachdb/apd/v3 v3.2.1 // indirect
	github.com/go-openapi/jsonpointer v0.21.0 // indirect
	github.com/go-openapi/swag v0.23.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/josharian/intern v1.0.0 // indirect
	github.com/mailru/easyjson v0.7.7 // indirect
	github.com/mohae/deepcopy v0.0.0-20170929034955-c48cc78d4826 // indirect
	github.com/oasdiff/yaml v0.0.0-20250309154309-f31be36b4037 // indirect
	github.com/oasdiff/yaml3 v0.0.0-20250309153720-d2182401db90 // indirect
	github.com/perimeterx/marshmallow v1.1.5 // indirect
	golang.org/x/net v0.25.0 // indirect
	golang.org/x/text v0.24.0 // indirect
)
