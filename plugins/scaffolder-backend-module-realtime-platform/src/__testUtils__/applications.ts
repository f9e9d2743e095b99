import { mockServices } from '@backstage/backend-test-utils';

/** The smallest valid application the action's tests write into a workspace. */
export const MINIMAL = `apiVersion: core.oam.dev/v1beta1
kind: Application
metadata:
  name: orders
  namespace: orders
spec:
  components:
    - name: events
      type: realtime-platform
    - name: api
      type: realtime-webservice
      properties:
        image: ghcr.io/example/api:1.0.0
        realtime: events
`;

/** A dry-run action context over `workspacePath`, with its `output` mock. */
export function actionContext(
  workspacePath: string,
  input: { path?: string } = { path: 'app.oam.yaml' },
) {
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
