import { UrlReaderService } from '@backstage/backend-plugin-api';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { parseAllDocuments } from 'yaml';

/** apiVersion group and kind of a KubeVela OAM Application. */
const OAM_GROUP = 'core.oam.dev/';
const OAM_KIND = 'Application';

/**
 * Whether a fetched file is (meant to be) a KubeVela OAM Application: a YAML document with
 * `apiVersion: core.oam.dev/...` and `kind: Application`. Other files, and files that are not
 * YAML, are left to the catalog's own url reader.
 */
export function isOamApplicationText(text: string): boolean {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some(d => d.errors.length)) return false;
  return docs.some(d => {
    const obj: unknown = d.toJS();
    if (obj === null || typeof obj !== 'object') return false;
    const { apiVersion, kind } = obj as {
      apiVersion?: unknown;
      kind?: unknown;
    };
    return (
      typeof apiVersion === 'string' &&
      apiVersion.startsWith(OAM_GROUP) &&
      kind === OAM_KIND
    );
  });
}

const CACHE_KEY = 'oam-url-v1';
/** What the processor remembers of a `url` location: its ETag, and the text if it is OAM. */
type Cached = { etag: string; text?: string };

const GLOB = /[*?[\]{}]/;

/**
 * The text of the OAM Application behind a `url` location, or undefined when the location is
 * something else (a glob, a catalog file) or cannot be read: the catalog's url reader then
 * reads it and reports its problems as usual. The ETag is kept, so an unchanged file is not
 * downloaded twice per refresh.
 */
export async function readOamUrl(
  reader: UrlReaderService,
  target: string,
  cache?: CatalogProcessorCache,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (GLOB.test(url.pathname)) return undefined;
  const cached = await cache?.get<Cached>(CACHE_KEY);
  let response;
  try {
    response = await reader.readUrl(target, { etag: cached?.etag });
  } catch (error) {
    if ((error as Error).name === 'NotModifiedError' && cached) {
      await cache?.set(CACHE_KEY, cached);
      return cached.text;
    }
    return undefined;
  }
  const text = (await response.buffer()).toString('utf8');
  const oam = isOamApplicationText(text);
  if (response.etag) {
    await cache?.set<Cached>(
      CACHE_KEY,
      oam ? { etag: response.etag, text } : { etag: response.etag },
    );
  }
  return oam ? text : undefined;
}
