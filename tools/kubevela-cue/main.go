// Command kubevela-cue evaluates KubeVela ComponentDefinitions the way a given KubeVela release
// does, with the CUE library version that release embeds. One source, one go.<label>.mod per
// supported release (see README.md); the release's behaviour is chosen by the -X main.kubevela
// link flag and checked against the CUE version actually linked in.
//
// Modes (JSON on stdin/stdout, one-line errors on stderr, exit 1 on error):
//
//	kubevela-cue version
//	kubevela-cue schema <definitions.yaml> [<definition>]   the parameter schema (schema-<name> ConfigMap)
//	kubevela-cue render <definitions.yaml> <definition>     stdin {"context":{},"parameter":{}}
//	kubevela-cue status <definitions.yaml> <definition>     stdin {"context":{},"output":{},"outputs":{},"parameter":{}}
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/encoding/openapi"
	"github.com/cue-exp/kubevelafix"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// kubevela is the KubeVela release whose behaviour this binary reproduces (set with -ldflags -X).
var kubevela = ""

// release describes what differs between the supported KubeVela releases.
type release struct {
	// cue is the cuelang.org/go version the release's go.mod requires.
	cue string
	// legacyValue: the release parses templates through kubevela/workflow's value package
	// (kubevelafix applied, one build instance with one file per part); later releases compile
	// one concatenated string with the cuex compiler and apply no fix.
	legacyValue bool
	// statusContext: context.status (with healthy) is given to customStatus.
	statusContext bool
}

var releases = map[string]release{
	"v1.9.14": {cue: "v0.5.0", legacyValue: true},
	"v1.10.9": {cue: "v0.9.2", statusContext: true},
}

// baseTemplate is appended to a template before its parameter schema is derived (pkg/cue and
// pkg/schema BaseTemplate, identical in both releases).
const baseTemplate = `
context: {
  name: string
  config?: [...{
    name: string
    value: string
  }]
  ...
}
`

const (
	usageTag = "+usage="
	shortTag = "+short"
)

type definition struct {
	Name         string
	Template     string
	HealthPolicy string
	CustomStatus string
	Details      string
}

func main() {
	rel, ok := releases[kubevela]
	if !ok {
		fail("", "built without a supported -X main.kubevela (got %q); use scripts/setup.d/35-kubevela-cue.sh", kubevela)
	}
	if linked := cueVersion(); linked != rel.cue {
		fail("", "KubeVela %s embeds cuelang.org/go %s but this binary links %s: rebuild with its go.<label>.mod", kubevela, rel.cue, linked)
	}
	args := os.Args[1:]
	if len(args) == 0 {
		fail("", "usage: kubevela-cue version | schema <definitions.yaml> [<definition>] | render|status <definitions.yaml> <definition>")
	}
	switch args[0] {
	case "version":
		emit(map[string]string{"kubevela": kubevela, "cue": rel.cue})
		return
	case "schema", "render", "status":
	default:
		fail("", "unknown mode %q (want version, schema, render or status)", args[0])
	}
	if len(args) < 2 || (args[0] != "schema" && len(args) != 3) || len(args) > 3 {
		fail("", "usage: kubevela-cue %s <definitions.yaml> <definition>", args[0])
	}
	defs, err := loadDefinitions(args[1])
	if err != nil {
		fail("", "%s: %v", args[1], err)
	}
	pick := func(name string) definition {
		for _, d := range defs {
			if d.Name == name {
				return d
			}
		}
		fail(name, "no ComponentDefinition of that name in %s", args[1])
		return definition{}
	}
	switch args[0] {
	case "schema":
		out := map[string]json.RawMessage{}
		selected := defs
		if len(args) == 3 {
			selected = []definition{pick(args[2])}
		}
		for _, d := range selected {
			s, err := parameterSchema(rel, d.Template)
			if err != nil {
				fail(d.Name, "parameter schema: %s", oneLine(err))
			}
			out[d.Name] = s
		}
		emit(out)
	case "render":
		d := pick(args[2])
		var in struct {
			Context   map[string]any `json:"context"`
			Parameter any            `json:"parameter"`
		}
		readInput(d.Name, &in)
		out, err := render(rel, d, in.Context, in.Parameter)
		if err != nil {
			fail(d.Name, "%s", oneLine(err))
		}
		emit(out)
	case "status":
		d := pick(args[2])
		var in struct {
			Context   map[string]any `json:"context"`
			Output    map[string]any `json:"output"`
			Outputs   map[string]any `json:"outputs"`
			Parameter any            `json:"parameter"`
		}
		readInput(d.Name, &in)
		emit(status(rel, d, in.Context, in.Output, in.Outputs, in.Parameter))
	}
}

func cueVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, m := range info.Deps {
		if m.Path == "cuelang.org/go" {
			if m.Replace != nil {
				return m.Replace.Version
			}
			return m.Version
		}
	}
	return "none"
}

func fail(def string, format string, a ...any) {
	prefix := fmt.Sprintf("kubevela-cue (KubeVela %s): ", kubevela)
	if def != "" {
		prefix += fmt.Sprintf("definition %q: ", def)
	}
	fmt.Fprintln(os.Stderr, prefix+strings.ReplaceAll(fmt.Sprintf(format, a...), "\n", " "))
	os.Exit(1)
}

func emit(v any) {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fail("", "write output: %v", err)
	}
}

func readInput(def string, v any) {
	b, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(def, "read stdin: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		fail(def, "stdin is not the expected JSON object: %v", err)
	}
}

// oneLine flattens a (possibly multi-error) CUE error into one line, every error with its path.
func oneLine(err error) string {
	var parts []string
	seen := map[string]bool{}
	for _, e := range cueerrors.Errors(err) {
		if m := e.Error(); !seen[m] {
			seen[m] = true
			parts = append(parts, m)
		}
	}
	if len(parts) == 0 {
		parts = []string{err.Error()}
	}
	return strings.Join(strings.Fields(strings.Join(parts, "; ")), " ")
}

func loadDefinitions(file string) ([]definition, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var defs []definition
	dec := yaml.NewDecoder(f)
	for {
		var doc struct {
			Kind     string `yaml:"kind"`
			Metadata struct {
				Name string `yaml:"name"`
			} `yaml:"metadata"`
			Spec struct {
				Schematic struct {
					Cue struct {
						Template string `yaml:"template"`
					} `yaml:"cue"`
				} `yaml:"schematic"`
				Status struct {
					HealthPolicy string `yaml:"healthPolicy"`
					CustomStatus string `yaml:"customStatus"`
					Details      string `yaml:"details"`
				} `yaml:"status"`
			} `yaml:"spec"`
		}
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		if doc.Kind != "ComponentDefinition" {
			continue
		}
		defs = append(defs, definition{
			Name:         doc.Metadata.Name,
			Template:     doc.Spec.Schematic.Cue.Template,
			HealthPolicy: doc.Spec.Status.HealthPolicy,
			CustomStatus: doc.Spec.Status.CustomStatus,
			Details:      doc.Spec.Status.Details,
		})
	}
	return defs, nil
}

// compileTemplate parses and builds a CUE source the way the release's definition path does:
// kubevela/workflow value.NewValue (v1.9: kubevelafix, bare build.Instance) or the cuex compiler
// (v1.10: build.NewContext().NewInstance, no fix). Neither needs vela/* packages here: the
// definitions import only CUE's standard library.
func compileTemplate(rel release, src string) (cue.Value, error) {
	f, err := parser.ParseFile("-", src, parser.ParseComments)
	if err != nil {
		return cue.Value{}, err
	}
	var bi *build.Instance
	if rel.legacyValue {
		f = kubevelafix.Fix(f).(*ast.File)
		bi = &build.Instance{}
	} else {
		bi = build.NewContext().NewInstance("", nil)
	}
	if err := bi.AddSyntax(f); err != nil {
		return cue.Value{}, err
	}
	return cuecontext.New().BuildInstance(bi), nil
}

// parameterSchema is what the definition controller stores in the schema-<name> ConfigMap:
// ParsePropertiesToSchema -> GenOpenAPI (RefineParameterValue, openapi.Gen with
// ExpandReferences) -> kin-openapi components.schemas.parameter -> FixOpenAPISchema.
func parameterSchema(rel release, template string) (b json.RawMessage, err error) {
	val, err := compileTemplate(rel, template+"\n"+baseTemplate)
	if err != nil {
		return nil, fmt.Errorf("fail to parse the template:%w", err)
	}
	data, err := genOpenAPI(rel, val)
	if err != nil {
		return nil, err
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, err
	}
	ref, ok := doc.Components.Schemas["parameter"]
	if !ok || ref.Value == nil {
		return nil, errors.New("cannot generate OpenAPI v3 JSON schema for capability: no parameter schema")
	}
	fixOpenAPISchema("", ref.Value)
	return ref.Value.MarshalJSON()
}

func genOpenAPI(rel release, val cue.Value) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("invalid cue definition to generate open api: %v", r)
		}
	}()
	if val.Err() != nil {
		return nil, val.Err()
	}
	ctx := val.Context()
	paramOnly := cuecontext.New().CompileString("#parameter: {}")
	paramVal := val.LookupPath(cue.ParsePath("parameter"))
	if rel.legacyValue && !paramVal.Exists() {
		// RefineParameterValue (v1.9): a missing parameter yields the empty default.
	} else if paramVal.IncompleteKind() != cue.BottomKind {
		paramOnly = ctx.CompileString("{}").FillPath(cue.MakePath(cue.Def("parameter")), paramVal)
	}
	b, err = openapi.Gen(paramOnly, &openapi.Config{ExpandReferences: true})
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	_ = json.Indent(&out, b, "", "   ")
	return out.Bytes(), nil
}

// schemaType is the schema's single type name; kin-openapi's Type field is a string in the
// version KubeVela v1.9 uses and a list type in v1.10's, both marshal to "<type>".
func schemaType(s *openapi3.Schema) string {
	b, _ := json.Marshal(s.Type)
	var t string
	_ = json.Unmarshal(b, &t)
	return t
}

func fixOpenAPISchema(name string, schema *openapi3.Schema) {
	switch schemaType(schema) {
	case "object":
		for k, v := range schema.Properties {
			fixOpenAPISchema(k, v.Value)
		}
	case "array":
		if schema.Items != nil {
			fixOpenAPISchema("", schema.Items.Value)
		}
	}
	if name != "" {
		schema.Title = name
	}
	description := schema.Description
	if strings.Contains(description, usageTag) {
		description = strings.Split(description, usageTag)[1]
	}
	if strings.Contains(description, shortTag) {
		description = strings.TrimSpace(strings.Split(description, shortTag)[0])
	}
	schema.Description = description
}

// renderTemplate is what the workload definition appends before merging parameter and context.
func renderTemplate(template string) string {
	return template + "\ncontext: _\nparameter: _\n"
}

func marshalCUE(field string, v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return field + ": " + string(b), nil
}

// render is workloadDef.Complete: template, parameter and context merged, validated, then
// output and every regular field of outputs marshalled.
func render(rel release, d definition, context map[string]any, parameter any) (map[string]any, error) {
	paramFile := "parameter: {}"
	if parameter != nil {
		p, err := marshalCUE("parameter", parameter)
		if err != nil {
			return nil, err
		}
		paramFile = p
	}
	ctxFile, err := marshalCUE("context", context)
	if err != nil {
		return nil, err
	}
	var val cue.Value
	if rel.legacyValue {
		bi := build.NewContext().NewInstance("", nil)
		for _, part := range []struct{ name, src string }{{"-", renderTemplate(d.Template)}, {"parameter", paramFile}, {"context", ctxFile}} {
			f, err := parser.ParseFile(part.name, part.src, parser.ParseComments)
			if err != nil {
				return nil, fmt.Errorf("invalid cue template of workload %s: %w", d.Name, err)
			}
			if err := bi.AddSyntax(kubevelafix.Fix(f).(*ast.File)); err != nil {
				return nil, err
			}
		}
		val = cuecontext.New().BuildInstance(bi)
	} else {
		val, err = compileTemplate(rel, strings.Join([]string{renderTemplate(d.Template), paramFile, ctxFile}, "\n"))
		if err != nil {
			return nil, fmt.Errorf("failed to compile workload %s after merge parameter and context: %w", d.Name, err)
		}
	}
	if err := val.Validate(); err != nil {
		return nil, fmt.Errorf("invalid cue template of workload %s after merge parameter and context: %w", d.Name, err)
	}
	result := map[string]any{"outputs": map[string]any{}}
	output, err := decode(val.LookupPath(cue.ParsePath("output")))
	if err != nil {
		return nil, fmt.Errorf("invalid output of workload %s: %w", d.Name, err)
	}
	result["output"] = output
	outputs := val.LookupPath(cue.ParsePath("outputs"))
	if !outputs.Exists() {
		return result, nil
	}
	iter, err := outputs.Fields(cue.Definitions(true), cue.Hidden(true), cue.All())
	if err != nil {
		return nil, fmt.Errorf("invalid outputs of workload %s: %w", d.Name, err)
	}
	for iter.Next() {
		if iter.Selector().IsDefinition() || iter.Selector().PkgPath() != "" || iter.IsOptional() {
			continue
		}
		o, err := decode(iter.Value())
		if err != nil {
			return nil, fmt.Errorf("invalid outputs(%s) of workload %s: %w", iter.Label(), d.Name, err)
		}
		result["outputs"].(map[string]any)[iter.Label()] = o
	}
	return result, nil
}

func decode(v cue.Value) (any, error) {
	b, err := v.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var out any
	return out, json.Unmarshal(b, &out)
}

// statusResult is the component status KubeVela records: healthy and message, plus the errors
// it would log (v1.10) or return from the reconcile (v1.9, a customStatus error).
type statusResult struct {
	Healthy      bool   `json:"healthy"`
	Message      string `json:"message"`
	HealthError  string `json:"healthError,omitempty"`
	MessageError string `json:"messageError,omitempty"`
}

// status evaluates spec.status.healthPolicy (isHealth) and customStatus (message) against the
// template context the application controller builds: name, appName and appRevision from the
// component context, output = the live workload object, outputs = the live auxiliary objects.
func status(rel release, d definition, context map[string]any, output map[string]any, outputs map[string]any, parameter any) statusResult {
	tc := map[string]any{}
	for _, k := range []string{"name", "appName", "appRevision"} {
		if v, ok := context[k]; ok {
			tc[k] = fmt.Sprint(v)
		}
	}
	tc["output"] = output
	if len(outputs) > 0 {
		tc["outputs"] = outputs
	}
	var res statusResult
	if d.Details != "" {
		res.HealthError = fmt.Sprintf("definition %q: spec.status.details is not evaluated by kubevela-cue", d.Name)
		return res
	}
	if rel.statusContext {
		// health.GetStatus: context.status exists (details only when spec.status.details is set),
		// and customStatus sees the health result as context.status.healthy.
		st := map[string]any{}
		tc["status"] = st
		res.Healthy, res.HealthError = checkHealth(d, tc, parameter)
		st["healthy"] = res.Healthy
	} else {
		res.Healthy, res.HealthError = checkHealth(d, tc, parameter)
	}
	res.Message, res.MessageError = statusMessage(rel, d, tc, parameter)
	return res
}

func runtimeContext(tc map[string]any, parameter any) (string, error) {
	ctx, err := marshalCUE("context", tc)
	if err != nil {
		return "", err
	}
	param := "parameter: {}"
	if parameter != nil {
		if param, err = marshalCUE("parameter", parameter); err != nil {
			return "", err
		}
	}
	return ctx + "\n" + param + "\n", nil
}

func checkHealth(d definition, tc map[string]any, parameter any) (bool, string) {
	if d.HealthPolicy == "" {
		return true, ""
	}
	rc, err := runtimeContext(tc, parameter)
	if err != nil {
		return false, err.Error()
	}
	val := cuecontext.New().CompileString(d.HealthPolicy + "\n" + rc)
	healthy, err := val.LookupPath(cue.ParsePath("isHealth")).Bool()
	if err != nil {
		return false, fmt.Sprintf("definition %q: evaluate health status: %s", d.Name, oneLine(err))
	}
	return healthy, ""
}

func statusMessage(rel release, d definition, tc map[string]any, parameter any) (string, string) {
	if d.CustomStatus == "" {
		return "", ""
	}
	rc, err := runtimeContext(tc, parameter)
	if err != nil {
		return "", err.Error()
	}
	src := d.CustomStatus + "\n" + rc
	var val cue.Value
	if rel.legacyValue {
		// v1.9: value.NewValue (kubevelafix) ; a compile error is returned.
		val, err = compileTemplate(rel, src)
		if err != nil {
			return "", fmt.Sprintf("definition %q: compile status template: %s", d.Name, oneLine(err))
		}
	} else {
		val = cuecontext.New().CompileString(src)
		if val.Err() != nil {
			return "", fmt.Sprintf("definition %q: compile status template: %s", d.Name, oneLine(val.Err()))
		}
	}
	msg, err := val.LookupPath(cue.ParsePath("message")).String()
	if err != nil {
		return "", fmt.Sprintf("definition %q: evaluate customStatus.message: %s", d.Name, oneLine(err))
	}
	return msg, ""
}
