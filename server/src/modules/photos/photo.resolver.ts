import { FieldResolver, Resolver, Root } from 'type-graphql';
import { PHOTO_FAR_FROM_PROPERTY_METERS, type PhotoKind } from '@groundwork/shared';
import { Photo, PhotoKindEnum } from './photo.entity.js';
import { isFarFromProperty } from './photo.service.js';
import { photoUrls } from './photo.urls.js';

@Resolver(() => Photo)
export class PhotoResolver {
  @FieldResolver(() => PhotoKindEnum, { description: 'BEFORE documents the problem; AFTER proves the fix.' })
  kind(@Root() photo: Photo): PhotoKind {
    // Only attached photos are reachable through GraphQL (an Issue's or Enhancement's list).
    return photo.kind ?? 'BEFORE';
  }

  @FieldResolver(() => String, { description: 'About 320 px on the longest edge.' })
  thumbUrl(@Root() photo: Photo): string {
    return photoUrls(photo.id).thumbUrl;
  }

  @FieldResolver(() => String, { description: 'About 1,600 px on the longest edge.' })
  displayUrl(@Root() photo: Photo): string {
    return photoUrls(photo.id).displayUrl;
  }

  @FieldResolver(() => String, { description: 'Full resolution, upright, without metadata.' })
  originalUrl(@Root() photo: Photo): string {
    return photoUrls(photo.id).originalUrl;
  }

  @FieldResolver(() => Boolean, {
    description: `Its GPS is more than ${PHOTO_FAR_FROM_PROPERTY_METERS} m from the property: taken somewhere else?`,
  })
  farFromProperty(@Root() photo: Photo): boolean {
    return isFarFromProperty(photo);
  }
}
