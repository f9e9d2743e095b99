import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import realtimeModule from '@internal/plugin-scaffolder-backend-module-realtime-platform';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  componentEntityV1alpha1Validator,
  Entity,
  locationEntityV1alpha1Validator,
  entitySchemaValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { parseAllDocuments, parse } from 'yaml';
import {
  createKit,
  findRoot,
  formatIssue,
} from '@internal/realtime-platform-kit';
import {
  directoryContents,
  DryRunResponse,
  files,
} from './__testUtils__/dryRun';
import { loadTemplate, PLATFORM_COMPONENT, templatePath } from './rules';
import { fullAnswers, minimalAnswers } from './__fixtures__/answers';

jest.setTimeout(180_000);

const root = findRoot();
const template = loadTemplate();
const contents = directoryContents(path.dirname(templatePath(root)));
const kit = createKit();

/** The real scaffolder backend with the real realtime:validate action, on an in-memory database. */
let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
let baseUrl: string;

beforeAll(async () => {
  ({ server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      realtimeModule,
      catalogServiceMock.factory({ entities: [] }),
    ],
  }));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  baseUrl = `http://localhost:${address.port}`;
});

async function dryRun(values: any): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: mockCredentials.user.header(),
    },
    body: JSON.stringify({
      template,
      values,
      secrets: {},
      directoryContents: contents,
    }),
  });
  return { status: res.status, body: await res.json() };
}

const validateEntity = entitySchemaValidator();

describe.each([
  ['minimal', minimalAnswers],
  ['full', fullAnswers],
])('dry run of the template through the backend, %s answers', (_, answers) => {
  let response: DryRunResponse;
  let written: Map<string, string>;

  beforeAll(async () => {
    const { status, body } = await dryRun(answers);
    if (status !== 200) {
      throw new Error(`dry run answered ${status}: ${JSON.stringify(body)}`);
    }
    response = body;
    written = files(response);
  });

  it('writes the application, its catalog entry and a docs stub', () => {
    expect([...written.keys()].sort()).toEqual([
      'app.oam.yaml',
      'catalog-info.yaml',
      'docs/index.md',
      'mkdocs.yml',
    ]);
  });

  it('writes an application the definitions accept (realtime-kit validate)', async () => {
    const [result] = await kit.validateTexts([
      { file: 'app.oam.yaml', text: written.get('app.oam.yaml')! },
    ]);
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('writes what was asked: names, services, topics, MQTT', () => {
    const app = parse(written.get('app.oam.yaml')!);
    expect(app.metadata).toMatchObject({
      name: answers.name,
      namespace: answers.name,
      annotations: { 'catalog.realtime-platform.io/owner': answers.owner },
    });
    const [platform, ...services] = app.spec.components;
    expect(platform).toMatchObject({
      name: PLATFORM_COMPONENT,
      type: 'realtime-platform',
    });
    expect(services.map((s: any) => s.name)).toEqual(
      answers.webservices.map(w => w.name),
    );
    for (const [i, w] of answers.webservices.entries()) {
      expect(services[i].properties).toMatchObject({
        image: w.image,
        port: w.port,
        realtime: PLATFORM_COMPONENT,
      });
    }
    const declared = (platform.properties?.topics ?? []).map(
      (t: any) => t.name,
    );
    const used = [
      ...answers.topics,
      ...(answers.includeMqtt ? [(answers as any).mqttKafkaTopic] : []),
      ...answers.webservices.flatMap((w: any) => [
        ...(w.produces ?? []),
        ...(w.consumes ?? []),
      ]),
    ];
    expect(declared).toEqual([...new Set(used)]);
    const a = answers as any;
    expect(platform.properties?.mqtt).toEqual(
      a.includeMqtt
        ? {
            users: [
              { name: 'devices', access: 'write', topics: [a.mqttTopic] },
            ],
            bridges: [
              { mqttTopic: a.mqttTopic, kafkaTopic: a.mqttKafkaTopic, qos: 1 },
            ],
          }
        : undefined,
    );
  });

  it('writes valid catalog entities: a docs Component with TechDocs in the application System', async () => {
    const entities = parseAllDocuments(written.get('catalog-info.yaml')!).map(
      d => d.toJS() as Entity,
    );
    for (const e of entities) {
      expect(() => validateEntity(e)).not.toThrow();
      await expect(componentEntityV1alpha1Validator.check(e)).resolves.toBe(
        true,
      );
    }
    // Nothing published: no Location pointing at a repository that does not exist.
    expect(entities.map(e => e.kind)).toEqual(['Component']);
    expect(entities[0]).toMatchObject({
      metadata: {
        name: `${answers.name}-docs`,
        namespace: answers.name,
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      },
      spec: {
        type: 'documentation',
        owner: answers.owner,
        system: answers.name,
      },
    });
    expect(() =>
      parseEntityRef(entities[0].spec!.owner as string),
    ).not.toThrow();
    const mkdocs = parse(written.get('mkdocs.yml')!);
    expect(mkdocs).toMatchObject({
      site_name: answers.name,
      plugins: ['techdocs-core'],
    });
    const index = written.get('docs/index.md')!;
    for (const w of answers.webservices)
      expect(index).toContain(`\`${w.name}\``);
  });

  it('writes a docs stub that mkdocs builds with techdocs-core (--strict)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realtime-app-docs-'));
    try {
      for (const [file, text] of written) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      const mkdocs = path.join(
        process.env.TECHDOCS_VENV ?? path.join(root, '.venv'),
        'bin',
        'mkdocs',
      );
      expect({ mkdocs, exists: fs.existsSync(mkdocs) }).toEqual({
        mkdocs,
        exists: true,
      }); // make setup
      const res = spawnSync(
        mkdocs,
        ['build', '--strict', '-d', path.join(dir, 'site')],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect({
        status: res.status,
        stderr: res.status ? res.stderr : '',
      }).toEqual({
        status: 0,
        stderr: '',
      });
      const html = fs.readFileSync(
        path.join(dir, 'site', 'index.html'),
        'utf8',
      );
      expect(html).toContain(answers.name);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the validate step and keeps the local default: nothing published or registered', () => {
    const messages = response.log.map(l => l.body.message).join('\n');
    expect(messages).toMatch(/app\.oam\.yaml: valid/);
    expect(messages).toMatch(/Local default/);
    expect(messages).toMatch(/Skipping step publish/);
    expect(messages).toMatch(/Skipping step register/);
  });

  it('outputs the docs links and the application text, no entity link', () => {
    expect(response.output.links).toEqual([
      {
        title: 'User guide',
        icon: 'docs',
        url: '/docs/default/component/realtime-platform-docs/user-guide/',
      },
      {
        title: 'Service access guide',
        icon: 'docs',
        url: '/docs/default/component/realtime-platform-docs/access/',
      },
    ]);
    expect(response.output.text[0].content).toContain(
      written.get('app.oam.yaml'),
    );
  });
});

describe('dry run with publishing to GitHub', () => {
  const answers = {
    ...fullAnswers,
    publish: true,
    repoUrl: 'github.com?owner=example&repo=factory-floor',
  };
  let body: any;
  beforeAll(async () => {
    const res = await dryRun(answers);
    if (res.status !== 200) {
      throw new Error(
        `dry run answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    body = res.body;
  });

  it('registers a realtime-oam Location with an absolute target next to the docs Component', async () => {
    const written = files(body);
    const entities = parseAllDocuments(written.get('catalog-info.yaml')!).map(
      d => d.toJS() as Entity,
    );
    expect(entities.map(e => e.kind)).toEqual(['Location', 'Component']);
    for (const e of entities) expect(() => validateEntity(e)).not.toThrow();
    await expect(
      locationEntityV1alpha1Validator.check(entities[0]),
    ).resolves.toBe(true);
    expect(entities[0].spec).toEqual({
      type: 'realtime-oam',
      target: 'https://github.com/example/factory-floor/blob/main/app.oam.yaml',
    });
  });

  it('runs publish and register and links the new System entity', () => {
    const messages = body.log.map((l: any) => l.body.message).join('\n');
    expect(messages).not.toMatch(/Skipping step publish/);
    expect(messages).not.toMatch(/Skipping step register/);
    expect(body.output.links.map((l: any) => l.title)).toEqual([
      'Open the application in the catalog',
      'Repository',
      'User guide',
      'Service access guide',
    ]);
    expect(body.output.links[0].entityRef).toBe(
      'system:factory-floor/factory-floor',
    );
  });
});

describe('the backend refuses what the form refuses, and realtime:validate what JSON schema cannot express', () => {
  it('refuses invalid answers with 400 before running anything', async () => {
    const { status, body } = await dryRun({
      ...minimalAnswers,
      name: 'Not_A_Name',
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body.errors)).toMatch(/pattern/);
  });

  it('fails the validate step for two services with one name (unique names are not a JSON-schema rule)', async () => {
    const { status, body } = await dryRun({
      ...minimalAnswers,
      webservices: [
        minimalAnswers.webservices[0],
        minimalAnswers.webservices[0],
      ],
    });
    const messages = JSON.stringify(body);
    expect({
      status,
      failed: /duplicate component name/.test(messages),
    }).toEqual({
      status: expect.any(Number),
      failed: true,
    });
  });

  it('fails the validate step for topics whose secret keys collide', async () => {
    const { body } = await dryRun({
      ...minimalAnswers,
      topics: ['a.b', 'a_b'],
    });
    expect(JSON.stringify(body)).toMatch(/normalise to the same secret key/);
  });
});
