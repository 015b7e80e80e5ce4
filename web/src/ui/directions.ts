/**
 * A link that opens turn-by-turn directions to a spot in the phone's maps app
 * (Google Maps' documented URL scheme; on iOS it opens in the browser or the
 * Google Maps app). Only a link: nothing is fetched from Google by the app.
 */
export function directionsUrl({ lng, lat }: { lng: number; lat: number }): string {
  // Two numbers and a comma need no encoding; the scheme's documented form reads as it is.
  return `https://www.google.com/maps/dir/?api=1&destination=${lat},${lng}`;
}
