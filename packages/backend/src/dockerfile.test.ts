/**
 * packages/backend/Dockerfile cannot be built here (no Docker engine), so this checks what can
 * be checked without one: every COPY source is in the repository (and not dropped by
 * .dockerignore), or is produced by a build command the Dockerfile's header lists, or comes
 * from an earlier build stage that writes it; and the realtime-platform kit's paths in
 * app-config.production.yaml are where the image puts its files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KIT_PATHS_IN_IMAGE } from '@internal/plugin-scaffolder-backend-module-realtime-platform';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/**
 * COPY sources that git does not have, with the command that writes them. Each command must be
 * among the "run the following commands" lines of the Dockerfile's header.
 */
const PRODUCED: Record<string, string> = {
  'packages/backend/dist/skeleton.tar.gz': 'yarn build:backend',
  'packages/backend/dist/bundle.tar.gz': 'yarn build:backend',
};

/** Files of the build context the image cannot work without (.dockerignore must keep them). */
const REQUIRED_IN_CONTEXT = [
  'platform/realtime-component-definitions.yaml',
  'platform/realtime-compositions.yaml',
  'tools/composition-render/main.go',
  'tools/composition-render/go.mod',
  'tools/composition-render/go.sum',
];

interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (current && trimmed.startsWith('#')) return;
    const continues = trimmed.endsWith('\\');
    const body = continues ? trimmed.slice(0, -1).trim() : trimmed;
    if (current) current.args = `${current.args} ${body}`.trim();
    else {
      const m = /^(\S+)\s*(.*)$/.exec(body)!;
      current = { line: i + 1, keyword: m[1].toUpperCase(), args: m[2] };
    }
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

interface Copy {
  line: number;
  stage: string;
  from?: string;
  sources: string[];
  dest: string;
}

interface Parsed {
  instructions: (Instruction & { stage: string })[];
  copies: Copy[];
  /** Stage names in order (unnamed stages as their index). */
  stages: string[];
  /** WORKDIR of each stage at each COPY, to place relative destinations. */
  workdirAt: Map<Copy, string>;
}

function parse(text: string): Parsed {
  const instructions: Parsed['instructions'] = [];
  const copies: Copy[] = [];
  const stages: string[] = [];
  const workdirAt = new Map<Copy, string>();
  let stage = '';
  let workdir = '/';
  for (const ins of parseDockerfile(text)) {
    if (ins.keyword === 'FROM') {
      const m = /\s+AS\s+(\S+)\s*$/i.exec(ins.args);
      stage = m ? m[1] : String(stages.length);
      stages.push(stage);
      workdir = '/';
    }
    if (ins.keyword === 'WORKDIR')
      workdir = path.posix.resolve(workdir, ins.args);
    instructions.push({ ...ins, stage });
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    let rest = ins.args;
    let from: string | undefined;
    for (;;) {
      const flag = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest);
      if (!flag) break;
      if (flag[1] === 'from') from = flag[2];
      rest = rest.slice(flag[0].length);
    }
    const words = rest.startsWith('[')
      ? (JSON.parse(rest) as string[])
      : rest.split(/\s+/);
    const copy: Copy = {
      line: ins.line,
      stage,
      from,
      sources: words.slice(0, -1),
      dest: words[words.length - 1],
    };
    copies.push(copy);
    workdirAt.set(copy, workdir);
  }
  return { instructions, copies, stages, workdirAt };
}

/** Docker's .dockerignore matching: last matching pattern wins; a match on a parent counts. */
function dockerignore(text: string): (file: string) => boolean {
  const rules = text
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))
    .map(l => {
      const negate = l.startsWith('!');
      const pattern = path.posix
        .normalize(negate ? l.slice(1).trim() : l)
        .replace(/^\/+/, '');
      let re = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*' && pattern[i + 1] === '*') {
          re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
          i += pattern[i + 2] === '/' ? 2 : 1;
        } else if (c === '*') re += '[^/]*';
        else if (c === '?') re += '[^/]';
        else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, re: new RegExp(`^${re}$`) };
    });
  return (file: string) => {
    const parts = file.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules)
      if (prefixes.some(p => rule.re.test(p))) ignored = !rule.negate;
    return ignored;
  };
}

/** Header lines listing the commands to run before `docker build`. */
function documentedCommands(text: string): string[] {
  return text
    .split('\n')
    .filter(l => /^#\s*yarn\s/.test(l))
    .map(l => l.replace(/^#\s*/, '').trim());
}

function matches(glob: string): string[] {
  const dir = path.posix.dirname(glob);
  const re = new RegExp(
    `^${path.posix
      .basename(glob)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '.')}$`,
  );
  const abs = path.join(ROOT, dir);
  return fs.existsSync(abs)
    ? fs
        .readdirSync(abs)
        .filter(f => re.test(f))
        .map(f => path.posix.join(dir, f))
    : [];
}

/** Every problem with the Dockerfile's COPY sources; empty when the image can be built. */
function copyProblems(text: string, ignoreText: string): string[] {
  const { instructions, copies, stages } = parse(text);
  const ignored = dockerignore(ignoreText);
  const commands = documentedCommands(text);
  const problems: string[] = [];
  for (const copy of copies) {
    const at = `line ${copy.line}`;
    if (copy.from) {
      const index = stages.indexOf(copy.from);
      if (index < 0 || index >= stages.indexOf(copy.stage)) {
        problems.push(
          `${at}: --from=${copy.from} is not a stage defined before it`,
        );
        continue;
      }
      const runs = instructions
        .filter(i => i.stage === copy.from && i.keyword === 'RUN')
        .map(i => i.args)
        .join('\n');
      for (const src of copy.sources)
        if (!runs.includes(src))
          problems.push(
            `${at}: ${src} is not written by a RUN of stage ${copy.from}`,
          );
      continue;
    }
    for (const src of copy.sources) {
      const file = path.posix.normalize(src).replace(/\/$/, '');
      if (/[*?[]/.test(file)) {
        const found = matches(file).filter(f => !ignored(f));
        if (!found.length)
          problems.push(`${at}: ${src} matches no file of the build context`);
        continue;
      }
      if (ignored(file)) {
        problems.push(
          `${at}: ${src} is excluded by .dockerignore, so the build context lacks it`,
        );
        continue;
      }
      if (fs.existsSync(path.join(ROOT, file))) continue;
      const by = PRODUCED[file];
      if (!by)
        problems.push(
          `${at}: ${src} is not in the repository and no listed build command produces it`,
        );
      else if (!commands.includes(by))
        problems.push(
          `${at}: ${src} is produced by \`${by}\`, which the header's list of commands to run first does not name`,
        );
    }
  }
  return problems;
}

const DOCKERFILE = read('packages/backend/Dockerfile');
const DOCKERIGNORE = read('.dockerignore');

describe('packages/backend/Dockerfile', () => {
  it('copies only what the repository has or the listed build commands produce', () => {
    expect(copyProblems(DOCKERFILE, DOCKERIGNORE)).toEqual([]);
  });

  it('lists the build commands of the files it copies that git does not have', () => {
    expect(documentedCommands(DOCKERFILE)).toEqual(
      expect.arrayContaining([...new Set(Object.values(PRODUCED))]),
    );
    const copied = parse(DOCKERFILE).copies.flatMap(c =>
      c.from ? [] : c.sources,
    );
    expect(copied).toEqual(expect.arrayContaining(Object.keys(PRODUCED)));
  });

  it('keeps the files the realtime-platform kit needs in the build context', () => {
    const ignored = dockerignore(DOCKERIGNORE);
    expect(
      REQUIRED_IN_CONTEXT.filter(
        f => ignored(f) || !fs.existsSync(path.join(ROOT, f)),
      ),
    ).toEqual([]);
  });

  it('builds the cue version scripts/lib.sh pins', () => {
    const pinned = /^CUE_VERSION=(\S+)/m.exec(read('scripts/lib.sh'))![1];
    expect(/^ARG CUE_VERSION=(\S+)/m.exec(DOCKERFILE)?.[1]).toBe(pinned);
  });

  it("puts platform/, cue and composition-render where app-config.production.yaml's realtimePlatform.kit points", () => {
    // The backend's jest setup turns a required .yaml file into its parsed content.
    const production = require(path.join(ROOT, 'app-config.production.yaml'));
    const kit = production.realtimePlatform.kit;
    expect(kit).toEqual(KIT_PATHS_IN_IMAGE);

    const parsed = parse(DOCKERFILE);
    const final = parsed.stages[parsed.stages.length - 1];
    const inImage = new Map<string, string>();
    for (const copy of parsed.copies.filter(c => c.stage === final)) {
      const dest = path.posix.resolve(parsed.workdirAt.get(copy)!, copy.dest);
      for (const src of copy.sources) {
        const name = path.posix.basename(src.replace(/\/$/, ''));
        const target = copy.dest.endsWith('/')
          ? path.posix.join(dest, name)
          : dest;
        inImage.set(target, copy.from ? `${copy.from}:${src}` : src);
      }
    }
    expect(inImage.get(kit.platformDir)).toBe('platform');
    expect(inImage.get(kit.cueBinary)).toBe('platform-tools:/out/cue');
    expect(inImage.get(kit.compositionRenderBinary)).toBe(
      'platform-tools:/out/composition-render',
    );
    const env = parsed.instructions
      .filter(i => i.stage === final && i.keyword === 'ENV')
      .map(i => i.args)
      .join(' ');
    expect(env).toContain(`CUE_BIN=${kit.cueBinary}`);
    expect(env).toContain(
      `COMPOSITION_RENDER_BIN=${kit.compositionRenderBinary}`,
    );
  });

  describe('the COPY check (negative controls)', () => {
    const header =
      '# yarn build:backend\nFROM node:24-trixie-slim\nWORKDIR /app\n';

    it('reports a source the repository does not have', () => {
      expect(
        copyProblems(
          `${header}COPY --chown=node:node examples ./examples\n`,
          '',
        ),
      ).toEqual([
        'line 4: examples is not in the repository and no listed build command produces it',
      ]);
    });

    it('reports a source .dockerignore drops from the build context', () => {
      expect(
        copyProblems(`${header}COPY platform ./platform\n`, 'platform\n'),
      ).toEqual([
        'line 4: platform is excluded by .dockerignore, so the build context lacks it',
      ]);
      expect(
        copyProblems(`${header}COPY platform ./platform\n`, '*\n!platform\n'),
      ).toEqual([]);
    });

    it('reports a build output whose command the header does not list', () => {
      expect(
        copyProblems(
          'FROM node:24-trixie-slim\nCOPY packages/backend/dist/bundle.tar.gz ./\n',
          '',
        ),
      ).toEqual([
        "line 2: packages/backend/dist/bundle.tar.gz is produced by `yarn build:backend`, which the header's list of commands to run first does not name",
      ]);
    });

    it('reports a stage copy from an unknown stage or of a file the stage does not write', () => {
      expect(
        copyProblems(
          `FROM golang:1.26 AS tools\nRUN go build -o /out/a .\n${header}COPY --from=tools /out/a /out/b ./bin/\nCOPY --from=nope /x ./\n`,
          '',
        ),
      ).toEqual([
        'line 6: /out/b is not written by a RUN of stage tools',
        'line 7: --from=nope is not a stage defined before it',
      ]);
    });

    it('reports a glob that matches nothing', () => {
      expect(copyProblems(`${header}COPY app-config*.yml ./\n`, '')).toEqual([
        'line 4: app-config*.yml matches no file of the build context',
      ]);
    });
  });
});
