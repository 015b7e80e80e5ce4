export { ClientProperty } from './property.entity.js';
export { PropertyService, assertLocationOnProperty, requirePropertyForLocation } from './property.service.js';
export { PropertyResolver, AccountPropertiesResolver, SchedulePropertyResolver } from './property.resolver.js';
