import { run } from './exec';
import { findRoot, kubevelaCueBinary } from './paths';
import { JsonValue } from './types';

/**
 * The KubeVela releases the definitions are verified against: label → [release, the
 * `cuelang.org/go` version its go.mod pins]. tools/kubevela-cue is built once per label.
 */
export const KUBEVELA_RELEASES: Record<string, [string, string]> = {
  'v1.9': ['v1.9.14', 'v0.5.0'],
  'v1.10': ['v1.10.9', 'v0.9.2'],
};

/** Result of one tools/kubevela-cue call. */
export interface KubevelaCueResult {
  code: number;
  /** The parsed standard output, when the call succeeded. */
  json?: JsonValue;
  stderr: string;
}

/** Runs tools/kubevela-cue of one release (`schema`, `render`, `status`, `version`). */
export async function kubevelaCue(
  label: string,
  args: string[],
  input?: unknown,
  root: string = findRoot(),
): Promise<KubevelaCueResult> {
  const res = await run(
    kubevelaCueBinary(label, root),
    args,
    input === undefined ? undefined : JSON.stringify(input),
  );
  return {
    code: res.code,
    json: res.code === 0 ? (JSON.parse(res.stdout) as JsonValue) : undefined,
    stderr: res.stderr.trim(),
  };
}

/** What a release's application controller reports for a component: its health policy and custom status over the live object. */
export async function kubevelaHealth(
  label: string,
  definitionsFile: string,
  type: string,
  context: { name: string; appName: string; appRevision: string },
  output: unknown,
): Promise<{ healthy: boolean; message: string }> {
  const r = await kubevelaCue(label, ['status', definitionsFile, type], {
    context,
    output,
  });
  if (r.code !== 0)
    throw new Error(`kubevela-cue ${label} status ${type}: ${r.stderr}`);
  const { healthy, message } = r.json as { healthy: boolean; message: string };
  return { healthy, message };
}
