export { OpsEvent, OpsEventCounter, OpsEventOutbox } from './ops-event.entity.js';
export {
  appendOpsEvent,
  afterCommit,
  writeTransaction,
  writeTransactionWithEvents,
  pruneOpsEvents,
  OPS_EVENT_CHANNEL,
  type OpsEventInput,
  type AppendedEvent,
} from './ops-event.service.js';
export { EventLog, type LoggedEvent } from './event-log.service.js';
export { EventSubscription } from './ops-event.subscription.js';
// Who receives an event is the access policy's rule (auth module); re-exported for the socket server's cohort key.
export { EventAudience } from '../auth/index.js';
export { FanOut, type CohortRenderer, type DeliverySink } from './fan-out.service.js';
export { OpsEventResolver } from './ops-event.resolver.js';
