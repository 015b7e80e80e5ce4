export { OpsEvent, OpsEventCounter } from './ops-event.entity.js';
export { appendOpsEvent, pruneOpsEvents, OPS_EVENT_CHANNEL, type OpsEventInput } from './ops-event.service.js';
export { EventLog, type LoggedEvent } from './event-log.service.js';
export { EventAudience, EventSubscription } from './ops-event.subscription.js';
export { FanOut, type CohortRenderer, type DeliverySink } from './fan-out.service.js';
export { OpsEventResolver } from './ops-event.resolver.js';
