export { MapResolver } from './map.resolver.js';
export { MapService } from './map.service.js';
export { BBoxInput, MapFilter, MapPinKindEnum } from './map.inputs.js';
export { MapView, MapPin, MapCluster, MapProperty } from './map.types.js';
export {
  Sql,
  CURSOR_SQL,
  clustersSql,
  issueWhere,
  enhancementWhere,
  issuePinsSql,
  enhancementPinsSql,
  propertiesSql,
  type MapCriteria,
} from './map.queries.js';
