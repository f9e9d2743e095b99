import { ValidationIssue } from '@internal/realtime-platform-kit';
import { RealtimeCatalogOptions } from '../options';
import { validateApplicationText } from '../validation';
import { readRealtimeApplication } from './readApplication';
import { ApplicationEntities, applicationToEntities } from './toEntities';

export type {
  PlatformComponent,
  RealtimeApplication,
  ServiceComponent,
} from './model';
export type { ApplicationEntities } from './toEntities';
export { readRealtimeApplication } from './readApplication';
export { applicationToEntities } from './toEntities';

/**
 * Reads one OAM Application file's text and returns its entities and
 * relations, or only issues when anything is wrong (nothing is emitted for a
 * file with issues, so the catalog keeps what it had). An application the
 * platform's definitions reject (`realtime-kit validate`) is rejected first,
 * with the same messages.
 *
 * @public
 */
export function entitiesFromApplicationText(
  text: string,
  file: string,
  options: RealtimeCatalogOptions,
): ApplicationEntities {
  const validation = validateApplicationText(text, file);
  if (validation.issues.length) {
    return { entities: [], relations: [], issues: validation.issues };
  }
  const { app, issues } = readRealtimeApplication(text, file);
  if (!app) return { entities: [], relations: [], issues };
  const result = applicationToEntities(app, options);
  if (result.issues.length) {
    return { entities: [], relations: [], issues: result.issues };
  }
  return result;
}

export type { ValidationIssue };
