export { seedDemoIfEmpty, seedDemo, DEMO_USERS, DEMO_PASSWORD } from './demo.seed.js';
