// The one public door of @groundwork/shared: pure domain rules, no framework.
export * from './errors.js';
export * from './enums.js';
export * from './calendar.rules.js';
export * from './issue-lifecycle.rules.js';
export * from './enhancement-pipeline.rules.js';
export * from './schedule.rules.js';
export * from './routing.rules.js';
export * from './geo.rules.js';
export * from './text.rules.js';
export * from './pagination.rules.js';
export * from './map.rules.js';
export * from './health.config.js';
export * from './health.rules.js';
export * from './live.protocol.js';
export * from './access.rules.js';
export * from './photo.rules.js';
