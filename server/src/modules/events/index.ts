export { OpsEvent, OpsEventCounter } from './ops-event.entity.js';
export { appendOpsEvent, pruneOpsEvents, OPS_EVENT_CHANNEL, type OpsEventInput } from './ops-event.service.js';
export { EventLog, type LoggedEvent } from './event-log.service.js';
export { EventAudience, SLOW_CONSUMER_CLOSE_CODE } from './ops-event.subscription.js';
export { OpsEventResolver } from './ops-event.resolver.js';
