import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  CatalogProcessorParser,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { formatIssue } from '@internal/realtime-platform-kit';
import fs from 'node:fs/promises';
import path from 'node:path';
import { entitiesFromApplicationText } from '../application';
import { REALTIME_OAM_LOCATION_TYPE } from '../constants';
import { RealtimeCatalogOptions } from '../options';
import { readOamUrl } from './oamUrl';

/** The location type the portal's Register Existing Component page registers. */
const URL_LOCATION_TYPE = 'url';

/**
 * Reads `realtime-oam` locations: a KubeVela Application file (path relative
 * to the backend's working directory, or an http(s) URL read through the
 * UrlReader) becomes a System, Components, Resources and relations. Problems
 * become processing errors on the location, naming file, component and field.
 * A `url` location (what the portal's Register Existing Component page
 * registers) whose file is an OAM Application is read the same way; any other
 * `url` location is left to the catalog's url reader.
 *
 * @public
 */
export class RealtimeOamProcessor implements CatalogProcessor {
  constructor(
    private readonly deps: {
      reader: UrlReaderService;
      options: RealtimeCatalogOptions;
    },
  ) {}

  /** The processor's name in the catalog's logs and errors. */
  getProcessorName(): string {
    return 'RealtimeOamProcessor';
  }

  /** Before the catalog's url reader (priority 20), which would take an OAM file for entities. */
  getPriority(): number {
    return 10;
  }

  /**
   * Reads a `realtime-oam` location, or a `url` location whose file is an OAM Application, and
   * emits its entities and relations, or its issues as input errors; false for any other
   * location.
   */
  async readLocation(
    location: LocationSpec,
    optional: boolean,
    emit: CatalogProcessorEmit,
    _parser?: CatalogProcessorParser,
    cache?: CatalogProcessorCache,
  ): Promise<boolean> {
    if (location.type === URL_LOCATION_TYPE) {
      const text = await readOamUrl(this.deps.reader, location.target, cache);
      if (text === undefined) return false;
      this.emitApplication(location, text, emit);
      emit(processingResult.refresh(`${location.type}:${location.target}`));
      return true;
    }
    if (location.type !== REALTIME_OAM_LOCATION_TYPE) return false;
    const { target } = location;
    let text: string;
    try {
      text = await this.read(target);
    } catch (error) {
      const e = error as Error & { code?: string };
      const notFound = e.code === 'ENOENT' || e.name === 'NotFoundError';
      if (notFound && optional) return true;
      const message = `${target}: cannot read the application file: ${e.message}`;
      emit(
        notFound
          ? processingResult.notFoundError(location, message)
          : processingResult.generalError(location, message),
      );
      return true;
    }
    this.emitApplication(location, text, emit);
    return true;
  }

  private emitApplication(
    location: LocationSpec,
    text: string,
    emit: CatalogProcessorEmit,
  ) {
    const { entities, relations, issues } = entitiesFromApplicationText(
      text,
      location.target,
      this.deps.options,
    );
    for (const issue of issues) {
      emit(processingResult.inputError(location, formatIssue(issue)));
    }
    for (const entity of entities) {
      emit(processingResult.entity(location, entity));
    }
    for (const relation of relations) {
      emit(processingResult.relation(relation));
    }
  }

  private async read(target: string): Promise<string> {
    if (/^https?:\/\//i.test(target)) {
      const response = await this.deps.reader.readUrl(target);
      return (await response.buffer()).toString('utf8');
    }
    return fs.readFile(path.resolve(target), 'utf8');
  }
}
