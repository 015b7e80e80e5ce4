// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { directionsUrl } from './directions';

describe('directionsUrl', () => {
  it('asks for directions to the latitude,longitude (that order)', () => {
    expect(directionsUrl({ lng: -104.89101, lat: 39.56806 })).toBe(
      'https://www.google.com/maps/dir/?api=1&destination=39.56806,-104.89101',
    );
  });
});
