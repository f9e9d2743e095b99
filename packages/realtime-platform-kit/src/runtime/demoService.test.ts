/**
 * The guide's demo service (docs/user-guide/examples/demo-service) is the minimal example's
 * image. Its Dockerfile cannot be built here (no container engine), so this holds what can be
 * held without one: it copies only files the repository has, it runs as the user the composed
 * pod runs as, and it starts the same file the local runtime runs in its place (images.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createKit } from '../kit';
import {
  DEMO_SERVICE_IMAGE,
  DEMO_SERVICE_SOURCE,
  imageProfile,
} from './images';

const kit = createKit();
const root = kit.paths.root;
const DOCKERFILE = `${DEMO_SERVICE_SOURCE}/Dockerfile`;

/** Why a demo Dockerfile does not fit the repository and the composed pod ([] when it does). */
function dockerfileProblems(text: string, composedUser: number): string[] {
  const lines = text
    .split('\n')
    .filter(l => l.trim() && !l.trim().startsWith('#'));
  const problems: string[] = [];
  for (const l of lines.filter(x => x.startsWith('COPY ')))
    for (const src of l.split(/\s+/).slice(1, -1))
      if (!fs.existsSync(path.join(root, src)))
        problems.push(`COPY ${src}: no such file in the repository`);
  const user = lines
    .filter(x => x.startsWith('USER '))
    .pop()
    ?.split(/\s+/)[1];
  if (user !== String(composedUser))
    problems.push(`USER ${user}: the composed pod runs as ${composedUser}`);
  const cmd = lines.filter(x => x.startsWith('CMD ')).pop() ?? '';
  const profile = imageProfile(`${DEMO_SERVICE_IMAGE}:1.0.0`)!;
  if (!cmd.includes(`"${profile.cmd![0]}"`))
    problems.push(`CMD ${cmd}: the local runtime runs ${profile.cmd![0]}`);
  return problems;
}

describe("the guide's demo service", () => {
  let composedUser: number;
  let image: string;
  beforeAll(async () => {
    const [v] = await kit.validateFiles([
      path.join(root, 'platform/examples/MINIMAL-REALTIME-OAM.yaml'),
    ]);
    const deployment = v.result!.objects.find(o => o.kind === 'Deployment')!;
    const spec = (
      deployment.spec as {
        template: {
          spec: {
            securityContext: { runAsUser: number };
            containers: { image: string }[];
          };
        };
      }
    ).template.spec;
    composedUser = spec.securityContext.runAsUser;
    image = spec.containers[0].image;
  });

  it('is the image the minimal example names, and the local runtime runs its code', () => {
    expect(image.split(':')[0]).toBe(DEMO_SERVICE_IMAGE);
    expect(imageProfile(image)?.runs).toContain(DEMO_SERVICE_SOURCE);
    expect(
      fs.existsSync(path.join(root, DEMO_SERVICE_SOURCE, 'service.py')),
    ).toBe(true);
  });

  it('its Dockerfile copies what the repository has and runs as the composed user', () => {
    const text = fs.readFileSync(path.join(root, DOCKERFILE), 'utf8');
    expect(dockerfileProblems(text, composedUser)).toEqual([]);
  });

  it('negative control: a missing file, another user and another command are each named', () => {
    const text = fs
      .readFileSync(path.join(root, DOCKERFILE), 'utf8')
      .replace(
        'COPY docs/user-guide/examples/demo-service/service.py',
        'COPY nosuch/service.py',
      )
      .replace(/^USER .*$/m, 'USER 0')
      .replace(/^CMD .*$/m, 'CMD ["python", "/srv/other.py"]');
    expect(dockerfileProblems(text, composedUser)).toEqual([
      'COPY nosuch/service.py: no such file in the repository',
      `USER 0: the composed pod runs as ${composedUser}`,
      'CMD CMD ["python", "/srv/other.py"]: the local runtime runs /app/service.py',
    ]);
  });
});
