// A small reader for the subset of mermaid flowchart syntax the architecture diagrams use:
// one statement per line; nodes `id`, `id[Label]`, `id([Label])`, `id[(Label)]`, `id((Label))`,
// `id{Label}`; edges `-->`, `<-->`, `---`, `-.->`, `==>` with an optional `|label|` (`~~~`, an
// invisible layout link, is not an edge);
// `subgraph id[Label]` ... `end`. Anything else (chains of `&`, `A -- text --> B`) is rejected,
// so the cross-check never silently misses a node or an edge.
const fs = require('node:fs');

const EDGE = /\s*(<-->|<-\.->|-\.->|-->|---|==>|~~~)\s*(?:\|([^|]*)\|)?\s*/g;
const NODE = /^([A-Za-z][A-Za-z0-9_]*)\s*(\(\[.*\]\)|\[\(.*\)\]|\(\(.*\)\)|\[.*\]|\{.*\}|\(.*\))?$/;
const SKIP = /^(%%|(flowchart|graph|direction|classDef|class|style|linkStyle|click)\b)/;

function label(shape) {
  if (!shape) return undefined;
  return shape
    .replace(/^(\(\[|\[\(|\(\(|\[|\{|\()/, '')
    .replace(/(\]\)|\)\]|\)\)|\]|\}|\))$/, '')
    .replace(/^"|"$/g, '');
}

/** Parses mermaid flowchart source into nodes, groups (subgraphs) and edges. */
function parseMermaid(source, file = 'diagram') {
  const nodes = new Map();
  const groups = new Map();
  const edges = [];
  const stack = [];
  const errors = [];
  const addNode = (text, line) => {
    const m = NODE.exec(text.trim());
    if (!m) {
      errors.push(`${file}:${line}: cannot read node "${text.trim()}"`);
      return undefined;
    }
    const [, id, shape] = m;
    if (!nodes.has(id) || shape) nodes.set(id, { id, label: label(shape) ?? nodes.get(id)?.label ?? id, group: stack.at(-1) });
    return id;
  };
  source.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text || SKIP.test(text)) return;
    if (text === 'end') {
      stack.pop();
      return;
    }
    const sg = /^subgraph\s+([A-Za-z][A-Za-z0-9_]*)\s*(\[.*\])?$/.exec(text);
    if (sg) {
      groups.set(sg[1], { id: sg[1], label: label(sg[2]) ?? sg[1], parent: stack.at(-1) });
      stack.push(sg[1]);
      return;
    }
    if (text.includes('&')) {
      errors.push(`${file}:${line}: "&" chains are not supported by the cross-check; write one edge per line`);
      return;
    }
    const parts = [];
    const ops = [];
    let last = 0;
    for (const m of text.matchAll(EDGE)) {
      parts.push(text.slice(last, m.index));
      ops.push({ op: m[1], label: m[2]?.trim() });
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    const ids = parts.map(p => addNode(p, line));
    ops.forEach((o, k) => {
      if (ids[k] && ids[k + 1] && o.op !== '~~~') edges.push({ from: ids[k], to: ids[k + 1], op: o.op, label: o.label, line });
    });
  });
  for (const g of groups.keys()) nodes.delete(g);
  return { file, nodes, groups, edges, errors };
}

function readMermaid(file) {
  return parseMermaid(fs.readFileSync(file, 'utf8'), file);
}

module.exports = { parseMermaid, readMermaid };
