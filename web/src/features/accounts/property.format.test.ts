// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatArea } from './property.format';

describe('formatArea', () => {
  it('uses acres for grounds and square feet for small sites', () => {
    expect(formatArea(40_468.564224)).toBe('10.0 ac');
    expect(formatArea(500)).toBe('5,382 sq ft');
  });
});
