export { Photo, PhotoKindEnum } from './photo.entity.js';
export { PhotoResolver } from './photo.resolver.js';
export { attachPhotos, deleteOrphanPhotos, photoObjectKeys, type PhotoOwnerRef } from './photo.service.js';
export { processPhoto, type ProcessedPhoto, type ProcessOptions } from './photo.processing.js';
export { HeicDecoder, HEIC_DECODE_THREADS } from './heic.decoder.js';
export { openPhotoStore, DiskPhotoStore, S3PhotoStore, type PhotoStore } from './photo.store.js';
export { photoRoutes } from './photo.routes.js';
export { PhotoSweeper } from './photo.sweep.js';
