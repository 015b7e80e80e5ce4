// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseMapConfig } from './map.config';

describe('parseMapConfig', () => {
  const base = 'https://ops.example.com/accounts/7';

  it('accepts an absolute style URL', () => {
    expect(parseMapConfig({ mapStyleUrl: 'https://tiles.example.com/style.json' }, base)).toEqual({
      mapStyleUrl: 'https://tiles.example.com/style.json',
    });
  });

  it('resolves a relative style URL against the page', () => {
    expect(parseMapConfig({ mapStyleUrl: '/styles/streets.json' }, base)).toEqual({
      mapStyleUrl: 'https://ops.example.com/styles/streets.json',
    });
  });

  it('treats null, blanks and malformed answers as "no basemap"', () => {
    for (const value of [{ mapStyleUrl: null }, { mapStyleUrl: '  ' }, { mapStyleUrl: 42 }, null, 'x', {}]) {
      expect(parseMapConfig(value, base)).toEqual({ mapStyleUrl: null });
    }
  });
});
