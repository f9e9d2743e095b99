export { RealtimePlatformCard } from './RealtimePlatformCard';
export type { RealtimePlatformCardProps } from './RealtimePlatformCard';
