import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Photo } from './photo.entity.js';

@Resolver(() => Photo)
export class PhotoResolver {
  @FieldResolver(() => String, { description: 'Where the web loads the image from (same origin).' })
  url(@Root() photo: Photo): string {
    return `/photos/${photo.id}`;
  }
}
