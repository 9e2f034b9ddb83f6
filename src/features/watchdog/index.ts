export type { DrawerState } from './drawer.js';
export type { WatchdogKind } from './kinds.js';
export { watchStoredChecks } from './stored-checks.js';
export type { WatchdogThresholds } from './watchdog.js';
