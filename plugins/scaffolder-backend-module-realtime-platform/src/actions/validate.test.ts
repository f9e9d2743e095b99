import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRealtimeValidateAction } from './validate';
import { actionContext, MINIMAL } from '../__testUtils__/applications';

jest.setTimeout(60_000);

describe('realtime:validate', () => {
  let workspacePath: string;
  beforeEach(() => {
    workspacePath = fs.mkdtempSync(
      path.join(os.tmpdir(), 'realtime-validate-'),
    );
  });
  afterEach(() => fs.rmSync(workspacePath, { recursive: true, force: true }));

  it('outputs the text and the components of a valid application', async () => {
    fs.writeFileSync(path.join(workspacePath, 'app.oam.yaml'), MINIMAL);
    const { ctx, output } = actionContext(workspacePath, {
      path: 'app.oam.yaml',
    });
    await createRealtimeValidateAction().handler(ctx);
    expect(output).toHaveBeenCalledWith('application', MINIMAL);
    expect(output).toHaveBeenCalledWith('components', ['events', 'api']);
  });

  it("fails with the kit's message for an invalid application", async () => {
    fs.writeFileSync(
      path.join(workspacePath, 'app.oam.yaml'),
      MINIMAL.replace('1.0.0', 'latest'),
    );
    const { ctx, output } = actionContext(workspacePath, {
      path: 'app.oam.yaml',
    });
    await expect(createRealtimeValidateAction().handler(ctx)).rejects.toThrow(
      /app\.oam\.yaml: component "api": field "image"/,
    );
    expect(output).not.toHaveBeenCalled();
  });

  it('names the missing file', async () => {
    const { ctx } = actionContext(workspacePath, { path: 'app.oam.yaml' });
    await expect(createRealtimeValidateAction().handler(ctx)).rejects.toThrow(
      /app\.oam\.yaml: cannot read the application file/,
    );
  });

  it('refuses a path outside the workspace', async () => {
    const { ctx } = actionContext(workspacePath, { path: '../outside.yaml' });
    await expect(createRealtimeValidateAction().handler(ctx)).rejects.toThrow(
      /outside/i,
    );
  });
});
