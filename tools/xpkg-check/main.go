// Command xpkg-check reads a Crossplane Configuration package root as `crossplane xpkg build`
// does (every non-empty .yaml/.yml file below it, each YAML document an object) and decodes
// every document strictly into Crossplane's own API types, with the package meta types in one
// scheme and the objects a Configuration may hold in another, as crossplane-runtime's package
// parser does. Unlike the builder it decodes strictly: a field the types do not have is an error
// (Crossplane would drop it silently). It then checks what the Configuration linter and the
// package manager check, with their libraries: exactly one meta object, a Configuration; its
// spec.crossplane.version and every spec.dependsOn[].version a Masterminds semver constraint
// (or, for a dependency, a digest); every dependency of the explicit apiVersion/kind/package
// form or one of the typed fields; every dependency package a fully qualified repository
// without tag (go-containerregistry, strict).
//
// Usage: xpkg-check <package-root>
//
// Prints JSON {"meta": <the Configuration>, "objects": ["<apiVersion> <kind> <name>", ...],
// "problems": ["<file>: <problem>", ...]} and exits 1 when there are problems, 2 on bad usage.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
	xpv1 "github.com/crossplane/crossplane/apis/v2/apiextensions/v1"
	xpv1alpha1 "github.com/crossplane/crossplane/apis/v2/apiextensions/v1alpha1"
	xpv2 "github.com/crossplane/crossplane/apis/v2/apiextensions/v2"
	opsv1alpha1 "github.com/crossplane/crossplane/apis/v2/ops/v1alpha1"
	pkgmetav1 "github.com/crossplane/crossplane/apis/v2/pkg/meta/v1"
	"github.com/google/go-containerregistry/pkg/name"
	ociv1 "github.com/google/go-containerregistry/pkg/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	k8sjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apimachinery/pkg/util/yaml"
)

type report struct {
	Meta     *pkgmetav1.Configuration `json:"meta"`
	Objects  []string                 `json:"objects"`
	Problems []string                 `json:"problems"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: xpkg-check <package-root>")
		os.Exit(2)
	}
	r := check(os.Args[1])
	out, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(string(out))
	if len(r.Problems) > 0 {
		os.Exit(1)
	}
}

func schemes() (meta, objects *runtime.Scheme) {
	meta, objects = runtime.NewScheme(), runtime.NewScheme()
	must(pkgmetav1.SchemeBuilder.AddToScheme(meta))
	// The object kinds crossplane-runtime pkg/xpkg/lint.go NewConfigurationLinter accepts.
	must(xpv1.AddToScheme(objects))
	must(xpv2.AddToScheme(objects))
	must(xpv1alpha1.AddToScheme(objects))
	must(opsv1alpha1.AddToScheme(objects))
	return meta, objects
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// packageFiles lists what the builder's filters keep: regular, non-empty .yaml/.yml files.
func packageFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext != ".yaml" && ext != ".yml" {
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() == 0 {
			return err
		}
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, err
}

func isEmptyYAML(doc []byte) bool {
	for _, line := range strings.Split(string(doc), "\n") {
		t := strings.TrimSpace(line)
		if t != "" && t != "---" && t != "..." && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}

func check(root string) report {
	r := report{Objects: []string{}, Problems: []string{}}
	problem := func(file, format string, a ...any) {
		rel, err := filepath.Rel(root, file)
		if err != nil {
			rel = file
		}
		r.Problems = append(r.Problems, rel+": "+fmt.Sprintf(format, a...))
	}
	metaScheme, objScheme := schemes()
	strict := k8sjson.SerializerOptions{Yaml: true, Strict: true}
	metaDecoder := k8sjson.NewSerializerWithOptions(k8sjson.DefaultMetaFactory, metaScheme, metaScheme, strict)
	objDecoder := k8sjson.NewSerializerWithOptions(k8sjson.DefaultMetaFactory, objScheme, objScheme, strict)

	files, err := packageFiles(root)
	if err != nil {
		problem(root, "cannot read the package root: %v", err)
		return r
	}
	metaFile := ""
	metas := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			problem(file, "%v", err)
			continue
		}
		reader := yaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
		for {
			doc, err := reader.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				problem(file, "not valid YAML: %v", err)
				break
			}
			if isEmptyYAML(doc) {
				continue
			}
			m, _, err := metaDecoder.Decode(doc, nil, nil)
			if err == nil {
				metas++
				metaFile = file
				c, ok := m.(*pkgmetav1.Configuration)
				if !ok {
					problem(file, "package meta type is %s, not a Configuration", m.GetObjectKind().GroupVersionKind())
					continue
				}
				r.Meta = c
				continue
			}
			if !runtime.IsNotRegisteredError(err) {
				problem(file, "decoding the package meta object: %v%s", err, fix(err))
				metas++
				continue
			}
			o, _, err := objDecoder.Decode(doc, nil, nil)
			if runtime.IsNotRegisteredError(err) {
				problem(file, "not an object a Configuration package may hold (crossplane-runtime lint.go NewConfigurationLinter): %v: declare Functions and Providers in crossplane.yaml spec.dependsOn, remove any other object", err)
				continue
			}
			if err != nil {
				problem(file, "decoding: %v%s", err, fix(err))
				continue
			}
			acc, _ := o.(metav1.Object)
			gvk := o.GetObjectKind().GroupVersionKind()
			r.Objects = append(r.Objects, fmt.Sprintf("%s %s %s", gvk.GroupVersion(), gvk.Kind, acc.GetName()))
		}
	}
	if metas != 1 {
		problem(root, "not exactly one package meta type: found %d (crossplane.yaml holds the one Configuration)", metas)
	}
	if r.Meta != nil {
		if filepath.Base(metaFile) != "crossplane.yaml" || filepath.Dir(metaFile) != filepath.Clean(root) {
			problem(metaFile, "the package meta object must be the package root's crossplane.yaml")
		}
		checkMeta(r.Meta, func(format string, a ...any) { problem(metaFile, format, a...) })
	}
	return r
}

// fix says how to resolve a decoding error that names a field Crossplane's types lack.
func fix(err error) string {
	if strings.Contains(err.Error(), "strict decoding error") {
		return ": Crossplane's API types have no such field (Crossplane would drop it): fix its name or remove it"
	}
	return ""
}

func checkMeta(c *pkgmetav1.Configuration, problem func(string, ...any)) {
	if c.Spec.Crossplane != nil {
		if _, err := semver.NewConstraint(c.Spec.Crossplane.Version); err != nil {
			problem("spec.crossplane.version %q: package version constraints are poorly formatted: %v: write a constraint like \">=v2.0.0-0\"", c.Spec.Crossplane.Version, err)
		}
	}
	for i, d := range c.Spec.DependsOn {
		at := fmt.Sprintf("spec.dependsOn[%d]", i)
		var pkg string
		switch {
		case d.APIVersion != nil && d.Kind != nil && d.Package != nil:
			pkg = *d.Package
		case d.Configuration != nil:
			pkg = *d.Configuration
		case d.Provider != nil:
			pkg = *d.Provider
		case d.Function != nil:
			pkg = *d.Function
		default:
			problem("%s: package dependencies must specify either a valid type, or an explicit apiVersion, kind, and package", at)
			continue
		}
		if _, err := name.NewRepository(pkg, name.StrictValidation); err != nil {
			problem("%s package %q is not a fully qualified repository without tag: %v: name the registry and repository only (registry/org/name)", at, pkg, err)
		}
		if _, err := ociv1.NewHash(d.Version); err == nil {
			continue
		}
		if _, err := semver.NewConstraint(d.Version); err != nil {
			problem("%s.version %q is not a semver constraint or digest: %v: write a constraint like \">=v1.2.0, <v2.0.0\"", at, d.Version, err)
		}
	}
}
