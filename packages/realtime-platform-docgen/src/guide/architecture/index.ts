/**
 * The platform's parts, the connections found in rendered objects and the checks of drawn
 * edges: what the architecture pages and diagrams are checked against.
 */
export * from './types';
export * from './parts';
export * from './context';
export * from './connections';
export * from './edgeChecks';
export * from './edges';
