/**
 * The change effects the configuration reference states (docs/reference/constraints.md), replayed
 * against a real kube-apiserver: each measured variant of the full example is sent, as a
 * server-side dry run, on top of the applied example. What the reference calls immutable must be
 * refused by the server; every other change must be accepted and change the fields it names.
 * Run by scripts/test.d/45-control-plane.sh.
 */
import fs from 'node:fs';
import { parse, stringify } from 'yaml';
import {
  applyAll,
  applyObject,
  ApplyError,
  clusterClient,
  clusterObjects,
  ClusterObject,
  createKit,
  createUserSecrets,
  ensureNamespace,
  fieldAt,
  installCompositeCrd,
  recomposeFromCluster,
  RenderResult,
} from '@internal/realtime-platform-kit';
import { referenceEffects } from './generate';
import { ParameterEffect } from './effects';

jest.setTimeout(600_000);

const NAMESPACE = 'reference-effects';
const kit = createKit();
const client = clusterClient();

/**
 * The request applyObject would send, as a server-side dry run: the object the server would
 * store, or its refusal. `sources`: the variant's natively composed objects, which the same
 * reconcile writes before the Objects that copy from them.
 */
async function dryRun(
  target: ClusterObject,
  sources: any[],
): Promise<{ stored?: any; refused?: string }> {
  try {
    return {
      stored: (await applyObject(client, target, { dryRun: true, sources }))
        .stored,
    };
  } catch (e) {
    if (e instanceof ApplyError) return { refused: e.serverMessage };
    throw e;
  }
}

function inNamespace(text: string): string {
  const app = parse(text);
  app.metadata.namespace = NAMESPACE;
  return stringify(app);
}

async function render(text: string): Promise<RenderResult> {
  const [fv] = await kit.validateTexts([
    { file: 'variant.yaml', text: inNamespace(text) },
  ]);
  if (!fv.valid) throw new Error(fv.issues.map(i => i.message).join('; '));
  return fv.result!;
}

const label = (o: any) => `${o.kind} ${o.metadata.name}`;

/** What the server does that the stated effects do not say (empty when they all hold). */
async function disagreements(
  effects: [string, ParameterEffect][],
  stored: Map<string, any>,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [type, effect] of effects) {
    const variant = await recomposeFromCluster(
      kit,
      await render(effect.application!),
      client,
    );
    await createUserSecrets(client, variant);
    const all = clusterObjects(variant);
    const sources = all.filter(t => t.via === 'crossplane').map(t => t.object);
    const targets = new Map(all.map(t => [label(t.object), t]));
    for (const change of effect.changes) {
      if (change.change === 'deleted') continue;
      const where = `${type} ${effect.path} (${effect.variant}): ${change.object}`;
      if (change.effect.startsWith('replaced by')) {
        // The replacement is a new object (a new name): its creation must be accepted.
        const kind = change.object.split(' ')[0];
        for (const [name, t] of targets) {
          if (t.object.kind !== kind || stored.has(name)) continue;
          const created = await dryRun(t, sources);
          if (created.refused)
            wrong.push(
              `${where}: the replacement ${name} was refused: ${created.refused}`,
            );
        }
        continue;
      }
      const target = targets.get(change.object);
      if (!target) {
        wrong.push(`${where}: not in the variant's render`);
        continue;
      }
      const result = await dryRun(target, sources);
      const immutable = change.effect.includes('immutable');
      if (immutable && !result.refused)
        wrong.push(
          `${where}: the reference says "${change.effect}" but the server accepted the change`,
        );
      if (!immutable && result.refused)
        wrong.push(
          `${where}: the reference says "${change.effect}" but the server refused: ${result.refused}`,
        );
      if (
        immutable &&
        result.refused &&
        !/immutable|Forbidden/.test(result.refused)
      )
        wrong.push(`${where}: refused for another reason: ${result.refused}`);
      if (!immutable && result.stored && change.change === 'changed') {
        const before = stored.get(change.object);
        // `references` belong to the Object wrapper, not to the stored object.
        const unchanged = change.fields
          .filter(f => !f.startsWith('references'))
          .filter(f => {
            // Shortened paths cut keys that hold dots (data.init.sql): compare the whole map then.
            const at = fieldAt(before, f) === undefined ? f.split('.')[0] : f;
            return (
              JSON.stringify(fieldAt(before, at)) ===
              JSON.stringify(fieldAt(result.stored, at))
            );
          });
        if (unchanged.length)
          wrong.push(
            `${where}: the server kept ${unchanged.join(', ')} unchanged`,
          );
      }
    }
  }
  return wrong;
}

describe("the reference's change effects on a real API server", () => {
  let measured: [string, ParameterEffect][] = [];
  let stored: Map<string, any>;

  beforeAll(async () => {
    const ref = await referenceEffects(kit.paths.root);
    measured = [...ref.effects].flatMap(([type, list]) =>
      list
        .filter(e => e.application && e.changes.length)
        .map(e => [type, e] as [string, ParameterEffect]),
    );
    await installCompositeCrd(kit, client);
    await ensureNamespace(client, NAMESPACE);
    const base = await render(fs.readFileSync(ref.exampleFile, 'utf8'));
    await createUserSecrets(client, base);
    const outcomes = await applyAll(client, clusterObjects(base));
    stored = new Map(outcomes.map(o => [label(o.stored), o.stored]));
  });

  it('measures variants that touch immutable fields and variants that do not', () => {
    const effects = measured.flatMap(([, e]) => e.changes.map(c => c.effect));
    expect(effects.some(e => e.includes('immutable'))).toBe(true);
    expect(effects.some(e => !e.includes('immutable'))).toBe(true);
  });

  it('every stated effect is what the server does', async () => {
    expect(await disagreements(measured, stored)).toEqual([]);
  });

  it('negative control: a rolling update stated as immutable, and an immutable change stated as in place, are both caught', async () => {
    const rolling = measured.find(([, e]) =>
      e.changes.some(c => c.effect.startsWith('rolling update')),
    )!;
    const immutable = measured.find(([, e]) =>
      e.changes.some(c => c.effect.includes('immutable')),
    )!;
    const flip = (
      [type, e]: [string, ParameterEffect],
      from: (s: string) => boolean,
      to: string,
    ): [string, ParameterEffect] => [
      type,
      {
        ...e,
        changes: e.changes.map(c =>
          from(c.effect) ? { ...c, effect: to } : c,
        ),
      },
    ];
    const wrong = await disagreements(
      [
        flip(
          rolling,
          s => s.startsWith('rolling update'),
          'template is immutable',
        ),
        flip(immutable, s => s.includes('immutable'), 'updated in place'),
      ],
      stored,
    );
    expect(wrong).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /says "template is immutable" but the server accepted the change/,
        ),
        expect.stringMatching(
          /says "updated in place" but the server refused: .*Forbidden/,
        ),
      ]),
    );
  });
});
