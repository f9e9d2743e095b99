import fs from 'node:fs';
import path from 'node:path';

/** A way a second copy of a contract rule shows in source, with a line that has it. */
export interface SecondDefinitionRule {
  name: string;
  pattern: RegExp;
  /** A line the rule must find (its negative control). */
  example: string;
}

/**
 * What a re-derivation looks like. Each names the contract export to import instead; prose
 * placeholders such as `<platform>-conn` in docs text are not derivations and do not match.
 */
export const SECOND_DEFINITION_RULES: SecondDefinitionRule[] = [
  {
    name: 'a secret name built from a component name (platformNames)',
    pattern: /\}-(conn|credentials|mqtt-users)\b/,
    example: 'const secret = `${name}-conn`;',
  },
  {
    name: 'a platform namespace built by hand (platformNamespace)',
    pattern: /\}-realtime\b|--\$\{/,
    example: 'const ns = `${namespace}--${name}-realtime`;',
  },
  {
    name: 'a Service host built by hand (serviceHost, partHost)',
    pattern: /\}\.svc\b|['"`]svc\.cluster\.local/,
    example: 'const host = `kafka.${ns}.svc`;',
  },
  {
    name: 'a topic key built by hand (topicKey)',
    pattern: /TOPIC_\$\{/,
    example: 'const key = `TOPIC_${topic.toUpperCase()}`;',
  },
  {
    name: 'the topic key prefix typed again (TOPIC_KEY_PREFIX)',
    pattern: /['"`]TOPIC_['"`]/,
    example: "if (name.startsWith('TOPIC_')) return;",
  },
  {
    name: 'a client port of a platform Service (SERVICES)',
    pattern: /(?<![\w.-])(9092|8081|1883|9001|5432)(?![\w.-])/,
    example: 'const port = 9092;',
  },
  {
    name: 'a DNS label, topic or env-var pattern (DNS1123_LABEL, DNS1035_LABEL, KAFKA_TOPIC_NAME, ENV_VAR_NAME)',
    pattern:
      /\[-a-z0-9\]\*\[a-z0-9\]|\[a-zA-Z0-9\._-\]\+|\[A-Z_\]\[A-Z0-9_\]\*/,
    example: 'const DNS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;',
  },
];

const SOURCE_DIRS = ['packages', 'plugins', 'bench', 'scripts'];
const SOURCE_FILE = /\.(ts|tsx|js|cjs|mjs)$/;
const NOT_SOURCE =
  /(^|\/)(node_modules|dist|dist-types|__fixtures__|__testUtils__|e2e-tests)(\/|$)|\.test\.tsx?$|\.(cluster|local)\.ts$/;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (NOT_SOURCE.test(full)) continue;
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (SOURCE_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * Every line of package and plugin sources, outside the contract package, tests and fixtures,
 * that re-derives a contract rule: `<file>:<line>: <rule>: <text>`.
 */
export function findSecondDefinitions(root: string): string[] {
  const home = path.join(root, 'packages', 'realtime-platform-contract');
  const found: string[] = [];
  for (const top of SOURCE_DIRS) {
    for (const file of sourceFiles(path.join(root, top))) {
      if (file.startsWith(home + path.sep)) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const rule of SECOND_DEFINITION_RULES) {
            if (rule.pattern.test(line)) {
              found.push(
                `${path.relative(root, file)}:${i + 1}: ${
                  rule.name
                }: ${line.trim()}`,
              );
            }
          }
        });
    }
  }
  return found;
}
