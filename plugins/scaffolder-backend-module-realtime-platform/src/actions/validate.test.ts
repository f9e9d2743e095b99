import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createRealtimeValidateAction } from './validate';
import { MINIMAL } from '../__testUtils__/applications';

jest.setTimeout(60_000);

describe('realtime:validate', () => {
  let workspacePath: string;
  beforeEach(() => {
    workspacePath = fs.mkdtempSync(
      path.join(os.tmpdir(), 'realtime-validate-'),
    );
  });
  afterEach(() => fs.rmSync(workspacePath, { recursive: true, force: true }));

  function context(input: { path?: string }) {
    const output = jest.fn();
    return {
      output,
      ctx: {
        input,
        workspacePath,
        output,
        logger: mockServices.logger.mock(),
        createTemporaryDirectory: jest.fn(),
        checkpoint: jest.fn(),
        getInitiatorCredentials: jest.fn(),
        isDryRun: true,
        task: { id: 'task' },
      } as any,
    };
  }

  it('outputs the text and the components of a valid application', async () => {
    fs.writeFileSync(path.join(workspacePath, 'app.oam.yaml'), MINIMAL);
    const { ctx, output } = context({ path: 'app.oam.yaml' });
    await createRealtimeValidateAction().handler(ctx);
    expect(output).toHaveBeenCalledWith('application', MINIMAL);
    expect(output).toHaveBeenCalledWith('components', ['events', 'api']);
  });

  it("fails with the kit's message for an invalid application", async () => {
    fs.writeFileSync(
      path.join(workspacePath, 'app.oam.yaml'),
      MINIMAL.replace('1.0.0', 'latest'),
    );
    const { ctx, output } = context({ path: 'app.oam.yaml' });
    await expect(createRealtimeValidateAction().handler(ctx)).rejects.toThrow(
      /app\.oam\.yaml: component "api": field "image"/,
    );
    expect(output).not.toHaveBeenCalled();
  });

  it('names the missing file', async () => {
    const { ctx } = context({ path: 'app.oam.yaml' });
    await expect(createRealtimeValidateAction().handler(ctx)).rejects.toThrow(
      /app\.oam\.yaml: cannot read the application file/,
    );
  });

  it('refuses a path outside the workspace', async () => {
    const { ctx } = context({ path: '../outside.yaml' });
    await expect(createRealtimeValidateAction().handler(ctx)).rejects.toThrow(
      /outside/i,
    );
  });
});
