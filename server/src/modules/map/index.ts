export { MapResolver } from './map.resolver.js';
export { MapService } from './map.service.js';
export { BBoxInput, MapFilter, MapPinKindEnum } from './map.inputs.js';
export { MapView, MapPin, MapCluster, MapProperty } from './map.types.js';
