/**
 * Entity card for realtime platforms: parts, consumers, connection secrets
 * (names and keys only) and links. Legacy frontend system exports; the new
 * system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */

export { realtimePlatformPlugin, EntityRealtimePlatformCard } from './plugin';
export { isRealtimePlatformAvailable } from './isRealtimePlatformAvailable';
export type { RealtimePlatformCardProps } from './components/RealtimePlatformCard';
