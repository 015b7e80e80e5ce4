export { HealthSnapshot } from './health-snapshot.entity.js';
