export { ClientProperty } from './property.entity.js';
export { PropertyService, requirePropertyForLocation } from './property.service.js';
export { PropertyResolver, AccountPropertiesResolver, SchedulePropertyResolver } from './property.resolver.js';
