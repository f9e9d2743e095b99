import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The kit's exported types carry no `any`. The guard has TypeScript emit each module's
// declarations (what a consumer compiles against) and scans them for the `any` keyword. It emits
// them per file, as `isolatedDeclarations` does, which takes a second where a type-checked
// program of the kit takes several: so an export whose type only inference knows is reported
// too, to be given an explicit type.

const SRC = __dirname;

/** The kit's modules: every source under src/ except tests, cluster suites and fixtures. */
function kitModules(dir: string = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const file = path.join(dir, e.name);
    if (e.isDirectory())
      return e.name === '__fixtures__' ? [] : kitModules(file);
    return /(?<!\.test|\.cluster|\.d)\.ts$/.test(e.name) ? [file] : [];
  });
}

/** The name of a named declaration (interface, property, function, parameter, ...). */
function declarationName(node: ts.Node): string | undefined {
  if (ts.isSourceFile(node)) return undefined;
  const name = ts.getNameOfDeclaration(node as ts.Declaration);
  return name && name.parent === node ? name.getText() : undefined;
}

/** Dotted names of the declarations mentioning `any` in a declaration file, e.g. `Shape.data`. */
function anyDeclarations(dts: string): string[] {
  const sf = ts.createSourceFile('out.d.ts', dts, ts.ScriptTarget.Latest, true);
  const found = new Set<string>();
  const visit = (node: ts.Node, owner: string[]) => {
    const name = declarationName(node);
    const at = name ? [...owner, name] : owner;
    if (node.kind === ts.SyntaxKind.AnyKeyword)
      found.add(at.join('.') || '(module)');
    ts.forEachChild(node, child => visit(child, at));
  };
  visit(sf, []);
  return [...found];
}

/** The top-level declaration of a source file that contains a position. */
function topLevelAt(sf: ts.SourceFile, pos: number): string {
  let name = '(module)';
  const visit = (node: ts.Node) => {
    if (pos < node.getStart(sf) || pos >= node.getEnd()) return;
    const own = declarationName(node);
    if (own) {
      name = own;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return name;
}

/**
 * What the guard reports for one module (`file` names it in the messages): each declaration
 * whose emitted type mentions `any`, and each export whose type needs inference.
 */
function exportedAny(file: string, text: string): string[] {
  const { outputText, diagnostics = [] } = ts.transpileDeclaration(text, {
    fileName: file,
    reportDiagnostics: true,
  });
  const inferred = new Map<string, number>();
  for (const d of diagnostics) {
    const name = topLevelAt(d.file!, d.start!);
    if (!inferred.has(name))
      inferred.set(name, d.file!.getLineAndCharacterOfPosition(d.start!).line);
  }
  return [
    ...[...inferred].map(
      ([name, line]) =>
        `${file}: ${name} (line ${
          line + 1
        }: its type is inferred; give it an explicit type)`,
    ),
    // Where inference was needed the emitter writes `any`; that is reported above.
    ...anyDeclarations(outputText)
      .filter(at => !inferred.has(at.split('.')[0]))
      .map(at => `${file}: ${at}`),
  ];
}

describe('the kit’s exported types', () => {
  it('mention no `any` (the declarations of every module)', () => {
    const modules = kitModules();
    expect(modules).toEqual(
      expect.arrayContaining([
        path.join(SRC, 'index.ts'),
        path.join(SRC, 'cluster', 'kubeClient.ts'),
      ]),
    );
    const found = modules.flatMap(f =>
      exportedAny(path.relative(SRC, f), fs.readFileSync(f, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('negative control: an in-memory module with exported `any` is flagged, declaration by declaration', () => {
    const text = [
      'export interface Shape { name: string; data: any }',
      'export function load(file: string): Record<string, any> { return {}; }',
      'export function parse(text: string) { return JSON.parse(text); }',
      'export const typed: Record<string, unknown> = {};',
      'function hidden(x: any): any { return x; }',
      'export const viaHidden = (): string => String(hidden(1));',
    ].join('\n');
    expect(exportedAny('control.ts', text)).toEqual([
      'control.ts: parse (line 3: its type is inferred; give it an explicit type)',
      'control.ts: Shape.data',
      'control.ts: load',
    ]);
  });
});
