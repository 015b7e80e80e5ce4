import { graphql } from '../../gql';

/** What the photo gallery (ui/PhotoGallery) shows of each photo of an Issue or Enhancement. */
export const PhotoGallery_photo = graphql(`
  fragment PhotoGallery_photo on Photo {
    id
    kind
    thumbUrl
    displayUrl
    takenAt
    farFromProperty
  }
`);
