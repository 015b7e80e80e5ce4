// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatCount, nounFor, nounForms } from './count.format';

describe('formatCount', () => {
  it('takes the singular for one and the plural otherwise', () => {
    expect(formatCount(1, 'open issue')).toBe('1 open issue');
    expect(formatCount(0, 'open issue')).toBe('0 open issues');
    expect(formatCount(3, 'enhancement')).toBe('3 enhancements');
  });

  it('takes irregular forms and groups thousands', () => {
    expect(formatCount(1, nounForms('property', 'properties'))).toBe('1 property');
    expect(formatCount(1204, nounForms('property', 'properties'))).toBe('1,204 properties');
  });

  it('gives the bare noun for labels beside a number shown elsewhere', () => {
    expect(nounFor(1, 'day')).toBe('day');
    expect(nounFor(2, 'day')).toBe('days');
  });
});
