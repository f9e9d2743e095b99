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

/** Parses mermaid flowchart source into nodes, groups (subgraphs) and edges. */
export function parseMermaid(source: string, file = 'diagram'): MermaidDiagram {
  const nodes = new Map<string, MermaidNode>();
  const groups = new Map<string, MermaidGroup>();
  const edges: MermaidEdge[] = [];
  const stack: string[] = [];
  const errors: string[] = [];
  const addNode = (raw: string, line: number): string | undefined => {
    const m = NODE.exec(raw.trim());
    if (!m) {
      errors.push(`${file}:${line}: cannot read node "${raw.trim()}"`);
      return undefined;
    }
    const [, id, shape] = m;
    if (!nodes.has(id) || shape)
      nodes.set(id, {
        id,
        label: label(shape) ?? nodes.get(id)?.label ?? id,
        group: stack.at(-1),
      });
    return id;
  };
  source.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const stmt = raw.trim();
    if (!stmt || SKIP.test(stmt)) return;
    if (stmt === 'end') {
      stack.pop();
      return;
    }
    const sg = /^subgraph\s+([A-Za-z][A-Za-z0-9_]*)\s*(\[.*\])?$/.exec(stmt);
    if (sg) {
      groups.set(sg[1], {
        id: sg[1],
        label: label(sg[2]) ?? sg[1],
        parent: stack.at(-1),
      });
      stack.push(sg[1]);
      return;
    }
    if (stmt.includes('&')) {
      errors.push(
        `${file}:${line}: "&" chains are not supported by the cross-check; write one edge per line`,
      );
      return;
    }
    const parts: string[] = [];
    const ops: { op: string; label?: string }[] = [];
    let last = 0;
    for (const m of stmt.matchAll(EDGE)) {
      parts.push(stmt.slice(last, m.index));
      ops.push({ op: m[1], label: m[2]?.trim() });
      last = m.index! + m[0].length;
    }
    parts.push(stmt.slice(last));
    const ids = parts.map(p => addNode(p, line));
    ops.forEach((o, k) => {
      const from = ids[k];
      const to = ids[k + 1];
      if (from && to && o.op !== '~~~')
        edges.push({ from, to, op: o.op, label: o.label, line });
    });
  });
  for (const g of groups.keys()) nodes.delete(g);
  return { file, nodes, groups, edges, errors };
}

/** Reads and parses a `.mmd` file. */
export function readMermaid(file: string): MermaidDiagram {
  return parseMermaid(fs.readFileSync(file, 'utf8'), file);
}
