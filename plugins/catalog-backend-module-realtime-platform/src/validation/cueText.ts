// How cue writes values and regular expressions, so that messages built from a JSON Schema
// validation read exactly like the ones `realtime-kit validate` parses out of cue's errors.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** A string as cue quotes it in an error: Go's rules (non-printable runes as \u / \U escapes). */
export function cueQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (PRINTABLE.test(ch)) out += ch;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A scalar as cue prints it in `invalid value <x> (...)`. */
export function cueValue(v: unknown): string {
  return typeof v === 'string' ? cueQuote(v) : JSON.stringify(v);
}

/**
 * Whether cue reads the number, as the kit hands it over (JSON), as an int: JSON writes
 * numbers from 1e21 on in exponent form, which cue reads as a float.
 */
export function isCueInt(v: number): boolean {
  return /^-?\d+$/.test(JSON.stringify(v));
}

const RE2_SPACE = '\\t\\n\\f\\r ';

/**
 * A cue (RE2) regular expression as a JavaScript one with the same meaning: RE2's `\s` and
 * `.` are ASCII-only and match fewer characters than JavaScript's.
 */
export function re2ToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      if (next === 's') out += inClass ? RE2_SPACE : `[${RE2_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${RE2_SPACE}]`;
      else out += c + next;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += `\\${pattern[++i]}`;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === '.' && !inClass) {
      out += '[^\\n]';
    } else {
      out += c;
    }
  }
  return out;
}
