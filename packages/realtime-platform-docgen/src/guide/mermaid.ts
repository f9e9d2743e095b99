/**
 * A small reader for the subset of mermaid flowchart syntax the architecture diagrams use:
 * one statement per line; nodes `id`, `id[Label]`, `id([Label])`, `id[(Label)]`, `id((Label))`,
 * `id{Label}`; edges `-->`, `<-->`, `---`, `-.->`, `==>` with an optional `|label|` (`~~~`, an
 * invisible layout link, is not an edge); `subgraph id[Label]` ... `end`. Anything else (chains
 * of `&`, `A -- text --> B`) is rejected, so the cross-check never silently misses a node or an
 * edge.
 */
import fs from 'node:fs';

const EDGE = /\s*(<-->|<-\.->|-\.->|-->|---|==>|~~~)\s*(?:\|([^|]*)\|)?\s*/g;
const NODE =
  /^([A-Za-z][A-Za-z0-9_]*)\s*(\(\[.*\]\)|\[\(.*\)\]|\(\(.*\)\)|\[.*\]|\{.*\}|\(.*\))?$/;
const SUBGRAPH = /^subgraph\s+([A-Za-z][A-Za-z0-9_]*)\s*(\[.*\])?$/;
const SKIP =
  /^(%%|(flowchart|graph|direction|classDef|class|style|linkStyle|click)\b)/;

/** A node of a diagram. */
export interface MermaidNode {
  id: string;
  label: string;
  /** The innermost subgraph the node was first drawn in. */
  group?: string;
}

/** A subgraph of a diagram. */
export interface MermaidGroup {
  id: string;
  label: string;
  parent?: string;
}

/** An edge of a diagram, with the line it is drawn on. */
export interface MermaidEdge {
  from: string;
  to: string;
  op: string;
  label?: string;
  line: number;
}

/** A parsed diagram; `errors` lists every statement the reader could not read. */
export interface MermaidDiagram {
  file: string;
  nodes: Map<string, MermaidNode>;
  groups: Map<string, MermaidGroup>;
  edges: MermaidEdge[];
  errors: string[];
}

function label(shape: string | undefined): string | undefined {
  if (!shape) return undefined;
  return shape
    .replace(/^(\(\[|\[\(|\(\(|\[|\{|\()/, '')
    .replace(/(\]\)|\)\]|\)\)|\]|\}|\))$/, '')
    .replace(/^"|"$/g, '');
}

/** Reads one node text; `open` are the subgraphs open at its line, innermost last. */
function readNode(
  d: MermaidDiagram,
  open: string[],
  raw: string,
  line: number,
): string | undefined {
  const m = NODE.exec(raw.trim());
  if (!m) {
    d.errors.push(`${d.file}:${line}: cannot read node "${raw.trim()}"`);
    return undefined;
  }
  const [, id, shape] = m;
  // A bare mention (no shape) keeps what an earlier drawing of the node set.
  if (!d.nodes.has(id) || shape)
    d.nodes.set(id, {
      id,
      label: label(shape) ?? d.nodes.get(id)?.label ?? id,
      group: open.at(-1),
    });
  return id;
}

/** Splits a statement at its edge operators: n operators between n + 1 node texts. */
function splitAtEdges(stmt: string): {
  nodes: string[];
  ops: { op: string; label?: string }[];
} {
  const nodes: string[] = [];
  const ops: { op: string; label?: string }[] = [];
  let last = 0;
  for (const m of stmt.matchAll(EDGE)) {
    nodes.push(stmt.slice(last, m.index));
    ops.push({ op: m[1], label: m[2]?.trim() });
    last = m.index! + m[0].length;
  }
  nodes.push(stmt.slice(last));
  return { nodes, ops };
}

function readEdges(
  d: MermaidDiagram,
  open: string[],
  stmt: string,
  line: number,
): void {
  const { nodes, ops } = splitAtEdges(stmt);
  const ids = nodes.map(n => readNode(d, open, n, line));
  ops.forEach((o, k) => {
    const from = ids[k];
    const to = ids[k + 1];
    if (from && to && o.op !== '~~~')
      d.edges.push({ from, to, op: o.op, label: o.label, line });
  });
}

function readStatement(
  d: MermaidDiagram,
  open: string[],
  stmt: string,
  line: number,
): void {
  if (!stmt || SKIP.test(stmt)) return;
  if (stmt === 'end') {
    open.pop();
    return;
  }
  const sg = SUBGRAPH.exec(stmt);
  if (sg) {
    d.groups.set(sg[1], {
      id: sg[1],
      label: label(sg[2]) ?? sg[1],
      parent: open.at(-1),
    });
    open.push(sg[1]);
    return;
  }
  if (stmt.includes('&')) {
    d.errors.push(
      `${d.file}:${line}: "&" chains are not supported by the cross-check; write one edge per line`,
    );
    return;
  }
  readEdges(d, open, stmt, line);
}

/** Parses mermaid flowchart source into nodes, groups (subgraphs) and edges. */
export function parseMermaid(source: string, file = 'diagram'): MermaidDiagram {
  const d: MermaidDiagram = {
    file,
    nodes: new Map(),
    groups: new Map(),
    edges: [],
    errors: [],
  };
  const open: string[] = [];
  source
    .split('\n')
    .forEach((raw, i) => readStatement(d, open, raw.trim(), i + 1));
  // Subgraph ids are also read as nodes where edges name them; they are groups only.
  for (const g of d.groups.keys()) d.nodes.delete(g);
  return d;
}

/** Reads and parses a `.mmd` file. */
export function readMermaid(file: string): MermaidDiagram {
  return parseMermaid(fs.readFileSync(file, 'utf8'), file);
}
