// Writes the definitions' rules into templates/realtime-app/template.yaml.
// Run: yarn workspace @internal/template-checks generate
import { createKit } from '@internal/realtime-platform-kit';
import { templatePath, writeRules } from './rules';

writeRules(createKit()).then(
  changed => {
    process.stdout.write(
      `${templatePath()}: ${
        changed.length ? `updated ${changed.join(', ')}` : 'up to date'
      }\n`,
    );
  },
  err => {
    process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  },
);
