/**
 * Semantic-version constraints as Crossplane and KubeVela read them: both parse
 * `spec.crossplane.version`, `spec.dependsOn[].version` and an addon's `system.vela` with
 * github.com/Masterminds/semver/v3 `NewConstraint` (crossplane-runtime pkg/xpkg/lint.go,
 * crossplane internal/controller/pkg/resolver/reconciler.go, kubevela pkg/addon/addon.go
 * checkSemVer). This is a structural reading of that syntax, enough to tell whether a constraint
 * parses and which released versions it admits: `||` between alternatives, `,` or spaces between
 * the comparisons of one alternative, the operators `=` `!=` `>` `<` `>=` `<=` `~` `^`, an optional
 * `v`, partial versions and `x`/`*` wildcards. Hyphen ranges (`1.2 - 1.4`) are valid upstream but
 * reported as not understood here. tools/xpkg-check runs the real library on the Crossplane package.
 */

/** A parsed version: `major.minor.patch` with an optional pre-release. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
}

const VERSION =
  /^v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const WILDCARD = /^[xX*]$/;
const COMPARISON = /^(!=|>=|=>|<=|=<|~>|[=<>~^])?\s*(\S+)$/;

/** Parses a full release version (`v1.2.3`, `1.2.3-rc.1`); undefined when it is not one. */
export function parseVersion(text: string): SemVer | undefined {
  const m = VERSION.exec(text.trim());
  if (!m || m[2] === undefined || m[3] === undefined) return undefined;
  if (WILDCARD.test(m[2]) || WILDCARD.test(m[3])) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ?? '',
  };
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : NaN;
    const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : NaN;
    if (!isNaN(na) && !isNaN(nb) && na !== nb) return na < nb ? -1 : 1;
    if (isNaN(na) !== isNaN(nb)) return isNaN(na) ? 1 : -1;
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

/** Orders two versions as semver does (a pre-release sorts before its release). */
export function compareVersions(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const)
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

type Test = (v: SemVer) => boolean;

interface Partial {
  /** The version with missing or wildcard parts as 0. */
  floor: SemVer;
  /** How many leading parts were given (0 for a bare wildcard). */
  given: 0 | 1 | 2 | 3;
}

function parsePartial(text: string): Partial | undefined {
  if (WILDCARD.test(text)) {
    return {
      floor: { major: 0, minor: 0, patch: 0, prerelease: '' },
      given: 0,
    };
  }
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]];
  let given = 0;
  while (
    given < 3 &&
    parts[given] !== undefined &&
    !WILDCARD.test(parts[given])
  )
    given++;
  if (parts.slice(given).some(p => p !== undefined && !WILDCARD.test(p)))
    return undefined;
  const num = (i: number) => (i < given ? Number(parts[i]) : 0);
  return {
    floor: {
      major: num(0),
      minor: num(1),
      patch: num(2),
      prerelease: given === 3 ? m[4] ?? '' : '',
    },
    given: given as Partial['given'],
  };
}

/** The first version above every version the partial `p` stands for (`1.2` → `1.3.0`). */
function ceiling(p: Partial, keep: 1 | 2 | 3): SemVer {
  const { major, minor, patch } = p.floor;
  if (keep === 1)
    return { major: major + 1, minor: 0, patch: 0, prerelease: '' };
  if (keep === 2) return { major, minor: minor + 1, patch: 0, prerelease: '' };
  return { major, minor, patch: patch + 1, prerelease: '' };
}

function range(low: SemVer, high?: SemVer): Test {
  return v =>
    compareVersions(v, low) >= 0 && (!high || compareVersions(v, high) < 0);
}

function comparison(op: string, p: Partial): Test {
  const { floor, given } = p;
  const cmp = (v: SemVer) => compareVersions(v, floor);
  const whole = given === 0 ? () => true : range(floor, ceiling(p, given));
  switch (op) {
    case '':
    case '=':
      return whole;
    case '!=':
      return v => !whole(v);
    case '>':
      if (given === 0) return () => false;
      return given === 3 ? v => cmp(v) > 0 : range(ceiling(p, given));
    case '>=':
    case '=>':
      return v => cmp(v) >= 0;
    case '<':
      return v => cmp(v) < 0;
    case '<=':
    case '=<':
      return given === 3 || given === 0
        ? v => given === 0 || cmp(v) <= 0
        : v => compareVersions(v, ceiling(p, given)) < 0;
    case '~':
    case '~>':
      return range(
        floor,
        given === 0 ? undefined : ceiling(p, given === 1 ? 1 : 2),
      );
    case '^': {
      if (given === 0) return () => true;
      // The first non-zero part (or the last one given) may not change.
      if (floor.major > 0 || given === 1) return range(floor, ceiling(p, 1));
      if (floor.minor > 0 || given === 2) return range(floor, ceiling(p, 2));
      return range(floor, ceiling(p, 3));
    }
    default:
      return () => false;
  }
}

/** A parsed constraint, or the reason it does not parse. */
export type ParsedConstraint =
  | { ok: true; admits: (version: string) => boolean }
  | { ok: false; reason: string };

/** Parses a constraint; `admits` tells whether a full version (`v1.2.3`) satisfies it. */
export function parseConstraint(text: string): ParsedConstraint {
  if (!text.trim()) return { ok: false, reason: 'it is empty' };
  if (/\s-\s/.test(text))
    return {
      ok: false,
      reason:
        'hyphen ranges are not understood by this check: write >=low, <=high',
    };
  const alternatives: Test[][] = [];
  for (const alt of text.split('||')) {
    // `>= 1.2` (operator, spaces, version) is one comparison; spaces elsewhere separate them.
    const terms = alt
      .replace(/(!=|>=|=>|<=|=<|~>|[=<>~^])\s+/g, '$1')
      .split(/[\s,]+/)
      .filter(Boolean);
    if (!terms.length)
      return { ok: false, reason: 'an alternative between `||` is empty' };
    const tests: Test[] = [];
    for (const term of terms) {
      const m = COMPARISON.exec(term);
      const partial = m && parsePartial(m[2]);
      if (!m || !partial)
        return {
          ok: false,
          reason: `"${term}" is not an operator (=, !=, >, <, >=, <=, ~, ^) followed by a version`,
        };
      tests.push(comparison(m[1] ?? '', partial));
    }
    alternatives.push(tests);
  }
  return {
    ok: true,
    admits: version => {
      const v = parseVersion(version);
      return !!v && alternatives.some(tests => tests.every(t => t(v)));
    },
  };
}

/**
 * The constraint the packages give a pinned dependency: from the pinned version up to the next
 * breaking one, as semver counts it (the next major, or the next minor below v1).
 */
export function compatibleRange(pinned: string): string {
  const v = parseVersion(pinned);
  if (!v || v.prerelease)
    throw new Error(
      `${pinned} is not a released semantic version (vMAJOR.MINOR.PATCH): pin a release`,
    );
  const next = v.major > 0 ? `v${v.major + 1}.0.0` : `v0.${v.minor + 1}.0`;
  return `>=v${v.major}.${v.minor}.${v.patch}, <${next}`;
}
