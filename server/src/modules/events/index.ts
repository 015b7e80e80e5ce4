export { OpsEvent, OpsEventCounter } from './ops-event.entity.js';
export { appendOpsEvent, OPS_EVENT_CHANNEL, type OpsEventInput } from './ops-event.service.js';
