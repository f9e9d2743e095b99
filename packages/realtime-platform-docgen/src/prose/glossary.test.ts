/**
 * The glossary check: on every hand-written docs page the first use of each glossary term in
 * prose links to the term's anchor in docs/glossary.md. Negative controls for each way a page can
 * get it wrong, and the fixer (`realtime-docgen link-glossary`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { read } from '../__fixtures__/guide';
import { repoRoot } from '../__fixtures__/testing';
import { main } from '../cli';
import {
  describeUse,
  handWrittenPages,
  LINK_GLOSSARY_COMMAND,
  linkFirstUses,
  unlinkedUses,
} from './firstUse';
import {
  checkedTerms,
  GLOSSARY,
  glossaryTerms,
  needsSentenceStart,
  termPattern,
  UNCHECKED,
} from './glossary';

const allTerms = glossaryTerms(read(GLOSSARY));
const terms = checkedTerms(allTerms);
const findings = (text: string, page = 'docs/access/control.md') =>
  unlinkedUses(page, text, terms).map(describeUse);

describe('the glossary', () => {
  it('gives every term form its own anchor', () => {
    const forms = allTerms.map(t => t.term);
    expect(forms).toEqual(
      expect.arrayContaining(['OAM', 'composite resource', 'XR', 'KRaft']),
    );
    expect(forms).toEqual(
      expect.arrayContaining(['Lenses HQ', 'Lenses Agent']),
    );
    expect(new Set(allTerms.map(t => t.id)).size).toBe(allTerms.length);
  });

  it('leaves out of the check only terms it defines', () => {
    const forms = allTerms.map(t => t.term);
    expect(Object.keys(UNCHECKED).filter(t => !forms.includes(t))).toEqual([]);
    expect(terms.length).toBe(allTerms.length - Object.keys(UNCHECKED).length);
  });

  it('refuses a Terms row without an anchor', () => {
    expect(() =>
      glossaryTerms(
        '## Terms { #terms }\n\n| Term | Meaning |\n| --- | --- |\n| KRaft | x |\n',
      ),
    ).toThrow('the term "KRaft" has no anchor');
  });
});

describe('matching a term', () => {
  const uses = (term: string, text: string) =>
    [...text.matchAll(termPattern(term))].map(m => m[0]);

  it('takes whole words, plurals and wrapped lines, not paths or longer names', () => {
    expect(uses('ACL', 'ACLs, an ACL, ACLfoo, `x`/ACL')).toEqual([
      'ACLs',
      'ACL',
    ]);
    expect(uses('XR', 'an XR, an XRD')).toEqual(['XR']);
    expect(uses('schema registry', 'the schema\n  registry')).toEqual([
      'schema\n  registry',
    ]);
    expect(
      uses(
        'provider-kubernetes',
        'io/provider-kubernetes and provider-kubernetes-x',
      ),
    ).toEqual([]);
    expect(uses('kwok', 'kwok-simulated, kwok')).toEqual(['kwok']);
    expect(uses('SASL/SCRAM', 'SASL/SCRAM-SHA-512')).toEqual(['SASL/SCRAM']);
  });

  it('is case-sensitive; a lower-case term capitalised counts only at a sentence start', () => {
    expect(uses('KRaft', 'kraft KRAFT')).toEqual([]);
    expect(uses('Object', 'an object')).toEqual([]);
    expect(needsSentenceStart('bridge', 'Bridges')).toBe(true);
    expect(findings('Two Bridges here.\n')).toEqual([]);
    expect(findings('- **Bridges.** One entry per filter.\n')).toEqual([
      'docs/access/control.md:1: first use of "bridge" is not linked: write [Bridges](../glossary.md#bridge)',
    ]);
    expect(findings('It ends.\nBridges copy topics.\n')).toEqual([
      expect.stringContaining(':2: first use of "bridge"'),
    ]);
  });
});

describe('the first use of each glossary term', () => {
  it('links to the glossary on every hand-written page', () => {
    const pages = handWrittenPages(repoRoot);
    const found = pages.flatMap(p =>
      unlinkedUses(p, read(p), terms).map(describeUse),
    );
    const failing = [...new Set(found.map(f => f.split(':')[0]))];
    expect(
      found.length
        ? [...found, `fix with: ${LINK_GLOSSARY_COMMAND} ${failing.join(' ')}`]
        : [],
    ).toEqual([]);
  });

  it('reads hand-written pages only: not the glossary, not generated pages', () => {
    const pages = handWrittenPages(repoRoot);
    expect(pages).toEqual(
      expect.arrayContaining([
        'docs/index.md',
        'docs/access/index.md',
        'docs/user-guide/portal.md',
      ]),
    );
    expect(pages).not.toContain(GLOSSARY);
    expect(pages.filter(p => p.startsWith('docs/reference/'))).toEqual([]);
  });

  const KRAFT = (line: number, what = 'is not linked') =>
    `docs/access/control.md:${line}: first use of "KRaft" ${what}: write [KRaft](../glossary.md#kraft)`;

  it('negative control: a first use in plain text is refused', () => {
    expect(findings('Kafka runs in KRaft mode.\n')).toEqual([KRAFT(1)]);
  });

  it('negative control: a first use linked to the wrong anchor is refused', () => {
    expect(
      findings('Kafka runs in [KRaft](../glossary.md#oam) mode.\n'),
    ).toEqual([KRAFT(1, 'links to ../glossary.md#oam')]);
    expect(
      findings('Kafka runs in [KRaft](glossary.md#kraft) mode.\n'),
    ).toEqual([KRAFT(1, 'links to glossary.md#kraft')]);
  });

  it('negative control: a use in a code span is not the first use; the prose one after it is refused', () => {
    expect(findings('Set `KRaft` here,\nthen KRaft runs.\n')).toEqual([
      KRAFT(2),
    ]);
  });

  it('negative control: a use in a heading is not counted', () => {
    expect(findings('## KRaft { #kraft }\n\nKafka uses KRaft.\n')).toEqual([
      KRAFT(3),
    ]);
  });

  it('skips code blocks, comments, generated blocks, images, admonition titles, table headers and other links', () => {
    const page = [
      '```sh',
      'KRaft',
      '```',
      '<!-- KRaft -->',
      '<!-- BEGIN GENERATED: keys -->',
      '| KRaft |',
      '<!-- END GENERATED: keys -->',
      '![KRaft](img/kraft.png) [Kafka docs](https://kafka.apache.org/KRaft)',
      '!!! note "KRaft"',
      '    Body.',
      '| KRaft | x |',
      '| --- | --- |',
      '| a | b |',
      'See [the KRaft docs](https://kafka.apache.org) and <https://x.io/KRaft>.',
      'Then KRaft.',
    ].join('\n');
    expect(findings(page)).toEqual([KRAFT(15)]);
  });

  it('accepts a linked first use, from any directory', () => {
    expect(findings('In [KRaft](../glossary.md#kraft) mode; KRaft.\n')).toEqual(
      [],
    );
    expect(
      findings('In [KRaft](glossary.md#kraft) mode.\n', 'docs/index.md'),
    ).toEqual([]);
    expect(
      findings(
        'A [provider-kubernetes Object](../glossary.md#object), provider-kubernetes.\n',
      ),
    ).toEqual([
      'docs/access/control.md:1: first use of "provider-kubernetes" is not linked: write [provider-kubernetes](../glossary.md#provider-kubernetes)',
    ]);
  });

  it('the fixer links each first use once and corrects a wrong anchor', () => {
    const page =
      '# KRaft\n\nKafka runs in KRaft mode (KRaft again), its [ACLs](../glossary.md#oam) too.\n';
    const fixed = linkFirstUses('docs/access/control.md', page, terms);
    expect(fixed).toEqual({
      linked: 2,
      text: '# KRaft\n\nKafka runs in [KRaft](../glossary.md#kraft) mode (KRaft again), its [ACLs](../glossary.md#acl) too.\n',
    });
    expect(findings(fixed.text)).toEqual([]);
    expect(
      linkFirstUses('docs/access/control.md', fixed.text, terms).linked,
    ).toBe(0);
  });
});

describe('realtime-docgen link-glossary', () => {
  let root: string;
  const quiet = () => {
    const out = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
    const err: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(s => {
      err.push(String(s));
      return true;
    });
    return {
      err,
      restore: () => {
        out.mockRestore();
        spy.mockRestore();
      },
    };
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'link-glossary-'));
    fs.mkdirSync(path.join(root, 'docs/access'), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, GLOSSARY), path.join(root, GLOSSARY));
    fs.writeFileSync(
      path.join(root, 'docs/access/a.md'),
      'Kafka in KRaft mode.\n',
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('--check names the unlinked uses and the command; without it the pages are fixed', async () => {
    const io = quiet();
    try {
      expect(await main(['link-glossary', '--check', '--root', root])).toBe(1);
      expect(io.err.join('')).toContain(
        `docs/access/a.md:1: first use of "KRaft" is not linked`,
      );
      expect(io.err.join('')).toContain(`run ${LINK_GLOSSARY_COMMAND}`);
      expect(
        await main(['link-glossary', '--root', root, 'docs/access/a.md']),
      ).toBe(0);
      expect(await main(['link-glossary', '--check', '--root', root])).toBe(0);
    } finally {
      io.restore();
    }
    expect(fs.readFileSync(path.join(root, 'docs/access/a.md'), 'utf8')).toBe(
      'Kafka in [KRaft](../glossary.md#kraft) mode.\n',
    );
  });
});
