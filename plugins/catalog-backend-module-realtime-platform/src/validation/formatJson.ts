const WIDTH = 80;

function isPlainScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function format(
  value: unknown,
  indent: string,
  prefix: string,
  suffix: string,
) {
  const lines: string[] = [];
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const flat = `[${value.map(v => JSON.stringify(v)).join(', ')}]`;
    if (
      value.every(isPlainScalar) &&
      (value.length === 0 ||
        indent.length + prefix.length + flat.length + suffix.length <= WIDTH)
    ) {
      return [`${indent}${prefix}${flat}${suffix}`];
    }
    lines.push(`${indent}${prefix}[`);
    value.forEach((v, i) => {
      lines.push(...format(v, inner, '', i < value.length - 1 ? ',' : ''));
    });
    lines.push(`${indent}]${suffix}`);
    return lines;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return [`${indent}${prefix}{}${suffix}`];
    lines.push(`${indent}${prefix}{`);
    entries.forEach(([k, v], i) => {
      const comma = i < entries.length - 1 ? ',' : '';
      lines.push(...format(v, inner, `${JSON.stringify(k)}: `, comma));
    });
    lines.push(`${indent}}${suffix}`);
    return lines;
  }
  return [`${indent}${prefix}${JSON.stringify(value)}${suffix}`];
}

/**
 * JSON text as the repository's prettier writes it (objects expanded, scalar lists on one line
 * when they fit in 80 columns), so generated files pass `prettier --check` as written.
 */
export function formatJson(value: unknown): string {
  return `${format(value, '', '', '').join('\n')}\n`;
}
