/**
 * The realtime platform's contract, in one place: the names, Services, hosts, ports,
 * connection-secret keys, patterns and cross-component rules that the definitions and the
 * Composition implement, and that the kit, the catalog module, the entity card, the template
 * and the docs generator import. Isomorphic: no Node or browser API, no dependency.
 *
 * @packageDocumentation
 */
export * from './names';
export * from './services';
export * from './connectionKeys';
export * from './parts';
export * from './patterns';
export * from './checks';
export * from './definitionChecks';
export * from './secretCommands';
