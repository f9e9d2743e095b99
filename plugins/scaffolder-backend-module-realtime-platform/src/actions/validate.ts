import fs from 'node:fs/promises';
import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createKit,
  FileValidation,
  formatIssue,
  RealtimeKit,
} from '@internal/realtime-platform-kit';
import { asKitConfigError } from '../kitConfig';

/**
 * Id of the action that validates a generated OAM application.
 *
 * @public
 */
export const REALTIME_VALIDATE_ACTION_ID = 'realtime:validate';

const EXAMPLES = [
  {
    description: 'Validate the application the template wrote',
    example: [
      'steps:',
      '  - id: validate',
      '    action: realtime:validate',
      '    input:',
      '      path: app.oam.yaml',
    ].join('\n'),
  },
];

/** The application file's text; a file that cannot be read fails the task. */
async function readApplication(file: string, relative: string) {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(
      `${relative}: cannot read the application file (${
        (e as Error).message
      }); write it with fetch:template before this step`,
    );
  }
}

/** The kit's validation of one file; a kit that cannot be set up fails the task naming its key. */
async function validateText(
  kit: RealtimeKit | undefined,
  relative: string,
  text: string,
): Promise<FileValidation> {
  try {
    const [result] = await (kit ?? createKit()).validateTexts([
      { file: relative, text },
    ]);
    return result;
  } catch (e) {
    throw asKitConfigError(e);
  }
}

/** The names of the components of a valid application; an invalid one fails the task. */
function validComponents(result: FileValidation, logger: LoggerService) {
  if (!result.valid) {
    const lines = result.issues.map(formatIssue);
    lines.forEach(l => logger.error(l));
    throw new InputError(
      `the generated application is not valid for the realtime platform:\n${lines.join(
        '\n',
      )}`,
    );
  }
  return result.result!.components.map(c => c.name);
}

/**
 * `realtime:validate`: validates an OAM application in the task workspace with the realtime
 * platform's own definitions (the kit's `validate`: real cue render, Composition, XRD and
 * Kubernetes schemas) and fails the task with the kit's one-line messages when it is invalid.
 * Outputs the file's text so a template can show it when nothing is published.
 *
 * Runs in dry runs too: it only reads the workspace.
 *
 * `options.kit`: the kit to validate with (the module passes the one `realtimePlatform.kit`
 * configures); default: the kit's shared default (repository platform files, discovered tools).
 * A platform file or tool the kit cannot find fails the task naming the `realtimePlatform.kit`
 * key that fixes it.
 *
 * @public
 */
export function createRealtimeValidateAction(
  options: { kit?: RealtimeKit } = {},
) {
  return createTemplateAction({
    id: REALTIME_VALIDATE_ACTION_ID,
    description:
      'Validates an OAM application in the workspace with the realtime platform definitions (realtime-kit validate)',
    supportsDryRun: true,
    examples: EXAMPLES,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe('Path of the OAM application, relative to the workspace')
            .default('app.oam.yaml'),
      },
      output: {
        application: z =>
          z.string().describe('Text of the validated application file'),
        components: z =>
          z
            .array(z.string())
            .describe('Names of the components the application declares'),
      },
    },
    async handler(ctx) {
      const relative = ctx.input.path ?? 'app.oam.yaml';
      const file = resolveSafeChildPath(ctx.workspacePath, relative);
      const text = await readApplication(file, relative);
      const result = await validateText(options.kit, relative, text);
      const components = validComponents(result, ctx.logger);
      ctx.logger.info(
        `${relative}: valid (${components.length} components: ${components.join(
          ', ',
        )})`,
      );
      ctx.output('application', text);
      ctx.output('components', components);
    },
  });
}
