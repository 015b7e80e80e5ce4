export { ClientProperty } from './property.entity.js';
export { PropertyService, requirePropertyForLocation } from './property.service.js';
export { PropertyResolver, AccountPropertiesResolver } from './property.resolver.js';
