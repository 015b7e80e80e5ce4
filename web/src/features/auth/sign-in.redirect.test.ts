// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './sign-in.redirect';

describe('signInPath', () => {
  it('carries the page, its query and its hash in `next`', () => {
    const url = signInPath({ pathname: '/accounts/42', search: '?tab=issues&q=oak park', hash: '#plan' });
    expect(url).toBe('/sign-in?next=%2Faccounts%2F42%3Ftab%3Dissues%26q%3Doak+park%23plan');
    expect(new URLSearchParams(url.split('?')[1]).get('next')).toBe('/accounts/42?tab=issues&q=oak park#plan');
  });

  it('leaves `next` out for the root and for the sign-in page itself', () => {
    expect(signInPath({ pathname: '/' })).toBe('/sign-in');
    expect(signInPath({ pathname: '/sign-in', search: '?next=%2Fmap' })).toBe('/sign-in');
  });
});

describe('safeNextPath', () => {
  it('round-trips what signInPath wrote', () => {
    const location = { pathname: '/accounts', search: '?q=willow&sort=value&dir=desc', hash: '' };
    const next = new URLSearchParams(signInPath(location).split('?')[1]).get('next');
    expect(safeNextPath(next)).toBe('/accounts?q=willow&sort=value&dir=desc');
  });

  it('accepts paths inside the app', () => {
    expect(safeNextPath('/work')).toBe('/work');
    expect(safeNextPath('/accounts/a1#issues')).toBe('/accounts/a1#issues');
  });

  it('refuses anything that would leave the app or loop back to sign-in', () => {
    for (const next of [
      null,
      '',
      'accounts',
      '//evil.example/phish',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/',
      '/sign-in',
      '/sign-in?next=%2Fmap',
    ]) {
      expect(safeNextPath(next), String(next)).toBeNull();
    }
  });
});
