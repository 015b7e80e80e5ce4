export { Photo, PhotoKindEnum } from './photo.entity.js';
export { PhotoResolver } from './photo.resolver.js';
