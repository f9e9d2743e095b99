import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { defaultPaths } from '@internal/realtime-platform-kit';
import { createRealtimeValidateAction } from './actions/validate';
import { createKitFromConfig, readRealtimeKitOptions } from './kitConfig';
import { scaffolderModuleRealtimePlatform } from './module';
import { actionContext, MINIMAL } from './__testUtils__/applications';

jest.setTimeout(60_000);

const config = (kit: Record<string, string>) =>
  mockServices.rootConfig({ data: { realtimePlatform: { kit } } });

/** Starts a backend with only this module, its config and a recording scaffolder. */
async function startModule(kit: Record<string, string>) {
  const actions: any[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        { addActions: (...a: any[]) => actions.push(...a) },
      ],
    ],
    features: [
      scaffolderModuleRealtimePlatform,
      mockServices.rootConfig.factory({
        data: { realtimePlatform: { kit } },
      }),
    ],
  });
  return { actions, stop: () => backend.stop() };
}

describe('realtimePlatform.kit', () => {
  let tmp: string;
  let platformDir: string;
  let workspacePath: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-kit-config-'));
    // A copy of platform/ away from the repository, as in the production image.
    platformDir = path.join(tmp, 'platform');
    fs.cpSync(defaultPaths().platformDir, platformDir, { recursive: true });
    workspacePath = path.join(tmp, 'workspace');
    fs.mkdirSync(workspacePath);
    fs.writeFileSync(path.join(workspacePath, 'app.oam.yaml'), MINIMAL);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads the three keys and leaves unset ones to the kit', () => {
    expect(
      readRealtimeKitOptions(
        config({
          platformDir: '/p',
          cueBinary: '/c',
          compositionRenderBinary: '/r',
        }),
      ),
    ).toEqual({
      platformDir: '/p',
      cueBinary: '/c',
      compositionRenderBinary: '/r',
    });
    expect(readRealtimeKitOptions(mockServices.rootConfig())).toEqual({});
    expect(createKitFromConfig(mockServices.rootConfig())).toBeUndefined();
  });

  it('the module gives the action a kit over the configured platform directory, and it validates', async () => {
    const { actions, stop } = await startModule({ platformDir });
    try {
      expect(actions.map(a => a.id)).toEqual(['realtime:validate']);
      const { ctx, output } = actionContext(workspacePath);
      await actions[0].handler(ctx);
      expect(output).toHaveBeenCalledWith('components', ['events', 'api']);
    } finally {
      await stop();
    }
    const kit = createKitFromConfig(config({ platformDir }))!;
    expect(kit.paths.definitions).toBe(
      path.join(platformDir, 'realtime-component-definitions.yaml'),
    );
  });

  it('a platform directory that does not exist fails the start-up, naming the key and the fix', async () => {
    const missing = path.join(tmp, 'nope');
    const expected = `realtimePlatform.kit.platformDir is "${missing}", which does not exist. Fix: set realtimePlatform.kit.platformDir to the directory holding realtime-component-definitions.yaml and realtime-compositions.yaml (the repository's platform/); in the image packages/backend/Dockerfile builds that is /app/platform; or remove realtimePlatform.kit.platformDir to use the default`;
    expect(() => createKitFromConfig(config({ platformDir: missing }))).toThrow(
      expected,
    );
    await expect(startModule({ platformDir: missing })).rejects.toThrow(
      expected,
    );
  });

  it('a cue binary that does not exist names realtimePlatform.kit.cueBinary', () => {
    expect(() =>
      createKitFromConfig(
        config({ platformDir, cueBinary: path.join(tmp, 'bin', 'cue') }),
      ),
    ).toThrow(
      /^realtimePlatform\.kit\.cueBinary is ".*\/bin\/cue", which does not exist\. Fix: set realtimePlatform\.kit\.cueBinary to the cue binary .*\/app\/\.tools\/bin\/cue/,
    );
  });

  it('a tool the default cannot find fails the task naming the key to set', async () => {
    const saved = process.env.COMPOSITION_RENDER_BIN;
    process.env.COMPOSITION_RENDER_BIN = path.join(tmp, 'missing');
    try {
      const kit = createKitFromConfig(config({ platformDir }));
      const { ctx } = actionContext(workspacePath);
      await expect(
        createRealtimeValidateAction({ kit }).handler(ctx),
      ).rejects.toThrow(
        /^realtimePlatform\.kit\.compositionRenderBinary is not set and the default failed: composition-render not found at \$COMPOSITION_RENDER_BIN=.*\. Fix: set realtimePlatform\.kit\.compositionRenderBinary to /,
      );
    } finally {
      if (saved === undefined) delete process.env.COMPOSITION_RENDER_BIN;
      else process.env.COMPOSITION_RENDER_BIN = saved;
    }
  });
});
