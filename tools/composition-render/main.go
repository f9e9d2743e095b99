// Command composition-render executes the inline Go template of a Crossplane
// Composition's function-go-templating step the way that function does:
// text/template + sprig v3 (minus env/expandenv) + the function's own helpers,
// with the RunFunctionRequest (observed composite, observed composed resources)
// as the template data. It does not run Crossplane, function-auto-ready,
// providers or a cluster.
//
// Input (stdin): JSON array of {"xr": {...}, "observed": {"<resource-name>": {...}}}.
// Output (stdout): JSON array of {"resources": [{"name","ready","resource"}], "compositeStatus", "error"}.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"text/template"
	"time"

	sprig "github.com/Masterminds/sprig/v3"
	yamlv3 "gopkg.in/yaml.v3"
	"sigs.k8s.io/yaml"
)

const (
	annResourceName = "gotemplating.fn.crossplane.io/composition-resource-name"
	annReady        = "gotemplating.fn.crossplane.io/ready"
	metaAPIVersion  = "meta.gotemplating.fn.crossplane.io/v1alpha1"
)

type request struct {
	XR       map[string]any `json:"xr"`
	Observed map[string]any `json:"observed"`
}

type composed struct {
	Name     string         `json:"name"`
	Ready    string         `json:"ready"`
	Resource map[string]any `json:"resource"`
}

type result struct {
	Resources       []composed     `json:"resources"`
	CompositeStatus map[string]any `json:"compositeStatus,omitempty"`
	Error           string         `json:"error,omitempty"`
}

func main() {
	compositionPath := flag.String("composition", "", "path to the YAML file holding the Composition")
	flag.Parse()
	if *compositionPath == "" {
		fail("usage: composition-render --composition <file> < requests.json")
	}
	source, err := templateSource(*compositionPath)
	if err != nil {
		fail(err.Error())
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err.Error())
	}
	var reqs []request
	if err := json.Unmarshal(in, &reqs); err != nil {
		fail("cannot parse requests: " + err.Error())
	}
	for i := range reqs {
		reqs[i].XR = integers(reqs[i].XR).(map[string]any)
		if reqs[i].Observed != nil {
			reqs[i].Observed = integers(reqs[i].Observed).(map[string]any)
		}
	}
	// Parsed once; text/template executes safely in parallel.
	tmpl, err := newTemplate().Parse(source)
	if err != nil {
		fail("cannot parse the provided templates: " + err.Error())
	}
	out := make([]result, len(reqs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = render(tmpl, reqs[i])
			}
		}()
	}
	for i := range reqs {
		next <- i
	}
	close(next)
	wg.Wait()
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "composition-render: "+msg)
	os.Exit(2)
}

// templateSource finds the Composition in a multi-document YAML file and
// returns the inline template of its function-go-templating step.
func templateSource(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	for _, doc := range splitDocs(string(raw)) {
		var obj map[string]any
		if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
			return "", fmt.Errorf("%s: %v", path, err)
		}
		if obj["kind"] != "Composition" {
			continue
		}
		spec, _ := obj["spec"].(map[string]any)
		if spec["mode"] != "Pipeline" {
			return "", fmt.Errorf("%s: Composition is not in Pipeline mode", path)
		}
		steps, _ := spec["pipeline"].([]any)
		for _, s := range steps {
			step, _ := s.(map[string]any)
			input, _ := step["input"].(map[string]any)
			if input["kind"] != "GoTemplate" {
				continue
			}
			inline, _ := input["inline"].(map[string]any)
			if t, ok := inline["template"].(string); ok {
				return t, nil
			}
		}
		return "", fmt.Errorf("%s: no GoTemplate step with an inline template", path)
	}
	return "", fmt.Errorf("%s: no Composition found", path)
}

var docSep = regexp.MustCompile(`(?m)^---[ \t]*$`)

func splitDocs(s string) []string {
	var docs []string
	for _, d := range docSep.Split(s, -1) {
		if strings.TrimSpace(stripComments(d)) != "" {
			docs = append(docs, d)
		}
	}
	return docs
}

func stripComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func newTemplate() *template.Template {
	tpl := template.New("manifests")
	tpl.Funcs(template.FuncMap{
		"randomChoice":              randomChoice,
		"toYaml":                    toYaml,
		"fromYaml":                  fromYaml,
		"setResourceNameAnnotation": func(n string) string { return annResourceName + ": " + n },
		"getComposedResource":       getComposedResource,
		"getCompositeResource":      getCompositeResource,
	})
	tpl.Funcs(template.FuncMap{"include": func(name string, data any) (string, error) {
		var buf strings.Builder
		err := tpl.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}})
	funcs := sprig.FuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	tpl.Funcs(funcs)
	return tpl
}

func render(tmpl *template.Template, r request) result {
	observed := map[string]any{}
	for name, res := range r.Observed {
		observed[name] = map[string]any{"resource": res}
	}
	data := map[string]any{
		"observed": map[string]any{
			"composite": map[string]any{"resource": r.XR},
			"resources": observed,
		},
		"desired": map[string]any{"composite": map[string]any{"resource": r.XR}},
		"context": map[string]any{},
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return result{Error: "cannot execute template: " + err.Error()}
	}
	res := result{Resources: []composed{}}
	seen := map[string]bool{}
	for _, doc := range splitDocs(buf.String()) {
		var obj map[string]any
		if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
			return result{Error: "cannot decode manifest: " + err.Error() + "\n" + doc}
		}
		if obj == nil {
			continue
		}
		meta, _ := obj["metadata"].(map[string]any)
		anns := map[string]string{}
		if a, ok := meta["annotations"].(map[string]any); ok {
			for k, v := range a {
				s, ok := v.(string)
				if !ok {
					return result{Error: fmt.Sprintf("invalid annotations in resource %v: %s is not a string", obj["kind"], k)}
				}
				anns[k] = s
			}
		}
		name, named := anns[annResourceName]
		if obj["apiVersion"] == r.XR["apiVersion"] && obj["kind"] == r.XR["kind"] && !named {
			if st, ok := obj["status"].(map[string]any); ok {
				res.CompositeStatus = st
			}
			continue
		}
		if obj["apiVersion"] == metaAPIVersion {
			continue
		}
		if !named {
			return result{Error: fmt.Sprintf("%q template is missing required %q annotation", obj["kind"], annResourceName)}
		}
		if seen[name] {
			return result{Error: fmt.Sprintf("duplicate composition resource name %q", name)}
		}
		seen[name] = true
		ready := "Unspecified"
		if v, ok := anns[annReady]; ok {
			if v != "True" && v != "False" && v != "Unspecified" {
				return result{Error: fmt.Sprintf("invalid %q annotation value %q", annReady, v)}
			}
			ready = v
			delete(meta["annotations"].(map[string]any), annReady)
		}
		delete(meta["annotations"].(map[string]any), annResourceName)
		if len(meta["annotations"].(map[string]any)) == 0 {
			delete(meta, "annotations")
		}
		res.Resources = append(res.Resources, composed{Name: name, Ready: ready, Resource: obj})
	}
	return res
}

// integers turns integral float64 values into int64, as the function's request conversion
// (k8s.io/apimachinery/pkg/util/json) does, so templates see the same number types.
func integers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = integers(x)
		}
		return t
	case []any:
		for i, x := range t {
			t[i] = integers(x)
		}
		return t
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1<<53 {
			return int64(t)
		}
		return t
	default:
		return v
	}
}

func randomChoice(choices ...string) string {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	return choices[r.Intn(len(choices))]
}

func toYaml(val any) (string, error) {
	b, err := yamlv3.Marshal(val)
	return string(b), err
}

func fromYaml(val string) (any, error) {
	var res any
	err := yamlv3.Unmarshal([]byte(val), &res)
	return res, err
}

func getComposedResource(req map[string]any, name string) map[string]any {
	obs, _ := req["observed"].(map[string]any)
	rs, _ := obs["resources"].(map[string]any)
	r, _ := rs[name].(map[string]any)
	cr, _ := r["resource"].(map[string]any)
	return cr
}

func getCompositeResource(req map[string]any) map[string]any {
	obs, _ := req["observed"].(map[string]any)
	c, _ := obs["composite"].(map[string]any)
	cr, _ := c["resource"].(map[string]any)
	return cr
}
