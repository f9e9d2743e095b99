import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  createKit,
  defaultPaths,
  formatIssue,
} from '@internal/realtime-platform-kit';
import { backendErrors, formErrors } from './__testUtils__/form';
import {
  canonical,
  expectedRules,
  loadTemplate,
  NAME_RULES,
  PLATFORM_COMPONENT,
  templateConstraints,
} from './rules';
import { minimalAnswers } from './__fixtures__/answers';

jest.setTimeout(120_000);

const kit = createKit();

const template = loadTemplate();

describe('template.yaml carries the definitions rules (drift test)', () => {
  it('every generated field equals what the definitions say', async () => {
    const drift = (await expectedRules(kit))
      .map(({ field, constraints }) => ({
        field: field.label,
        template: templateConstraints(template, field.path),
        definitions: constraints,
      }))
      .filter(d => canonical(d.template) !== canonical(d.definitions));
    // Fix: yarn workspace @internal/template-checks generate
    expect(drift).toEqual([]);
  });

  it('names the platform component as the rules assume', () => {
    const fetch = template.spec.steps.find((s: any) => s.id === 'fetch');
    expect(fetch.input.values.platform).toBe(PLATFORM_COMPONENT);
  });

  it('notices when the definitions change (negative control)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-drift-'));
    try {
      const paths = defaultPaths();
      const changed = path.join(dir, 'definitions.yaml');
      const text = fs.readFileSync(paths.definitions, 'utf8');
      expect(text).toContain('{1,249}');
      fs.writeFileSync(changed, text.replace('{1,249}', '{1,200}'));
      const other = createKit({ paths: { ...paths, definitions: changed } });
      const topic = (await expectedRules(other)).find(
        r => r.field.label === 'topic',
      )!;
      expect(templateConstraints(template, topic.field.path)).not.toEqual(
        topic.constraints,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** An application in the shape skeleton/app.oam.yaml writes. */
function application(name: string, serviceName = 'api'): string {
  return stringify({
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name, namespace: name },
    spec: {
      components: [
        { name: PLATFORM_COMPONENT, type: 'realtime-platform' },
        {
          name: serviceName,
          type: 'realtime-webservice',
          properties: {
            image: 'ghcr.io/example/api:1.0.0',
            port: 8080,
            realtime: PLATFORM_COMPONENT,
          },
        },
      ],
    },
  });
}

describe('name rules the definitions keep outside their parameter schema: form and kit agree at every boundary', () => {
  const cases: { label: string; name: string; service: string }[] = [
    {
      label: 'longest application name',
      name: 'a'.repeat(NAME_RULES.applicationMaxLength),
      service: 'api',
    },
    {
      label: 'application name one longer',
      name: 'a'.repeat(NAME_RULES.applicationMaxLength + 1),
      service: 'api',
    },
    {
      label: 'application name with upper case',
      name: 'Orders',
      service: 'api',
    },
    { label: 'application name with "_"', name: 'my_orders', service: 'api' },
    {
      label: 'application name starting with "-"',
      name: '-orders',
      service: 'api',
    },
    {
      label: 'application name ending with "-"',
      name: 'orders-',
      service: 'api',
    },
    {
      label: 'application name starting with a digit',
      name: '1orders',
      service: 'api',
    },
    {
      label: 'longest service name',
      name: 'orders',
      service: `a${'b'.repeat(NAME_RULES.webserviceMaxLength - 1)}`,
    },
    {
      label: 'service name one longer',
      name: 'orders',
      service: `a${'b'.repeat(NAME_RULES.webserviceMaxLength)}`,
    },
    {
      label: 'service name starting with a digit',
      name: 'orders',
      service: '1api',
    },
    { label: 'service name ending with "-"', name: 'orders', service: 'api-' },
    { label: 'service name with upper case', name: 'orders', service: 'Api' },
    {
      label: 'service named like the platform',
      name: 'orders',
      service: PLATFORM_COMPONENT,
    },
  ];

  it('accepted by the form exactly when the kit accepts the application', async () => {
    const results = await kit.validateTexts(
      cases.map(c => ({
        file: `${c.label}.yaml`,
        text: application(c.name, c.service),
      })),
    );
    const verdicts = cases.map((c, i) => {
      const values = {
        ...minimalAnswers,
        name: c.name,
        webservices: [{ ...minimalAnswers.webservices[0], name: c.service }],
      };
      return {
        case: c.label,
        form: formErrors(template, values).length === 0,
        backend: backendErrors(template, values).length === 0,
        kit: results[i].valid,
        kitSays: results[i].issues.map(formatIssue).join('; '),
      };
    });
    const disagreements = verdicts.filter(
      v => v.form !== v.kit || v.backend !== v.kit,
    );
    expect(disagreements).toEqual([]);
    // Both sides of every boundary are exercised.
    expect(verdicts.filter(v => v.kit).map(v => v.case)).toEqual([
      'longest application name',
      'application name starting with a digit',
      'longest service name',
    ]);
  });
});
