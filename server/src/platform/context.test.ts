import type { EntityManager } from '@mikro-orm/sql';
import { describe, expect, it } from 'vitest';
import { createRequestContext, type RequestContext } from './context.js';

/** A service as the modules write them: built from the request's context, counting its constructions. */
class CountingService {
  static built = 0;
  constructor(readonly ctx: RequestContext) {
    CountingService.built += 1;
  }
}

class OtherService {
  constructor(readonly ctx: RequestContext) {}
}

function newContext(): RequestContext {
  return createRequestContext({
    // The context only hands the fork to services; none is queried here.
    em: {} as EntityManager,
    viewer: null,
    authError: null,
    config: { COMPANY_TIME_ZONE: 'America/Chicago', health: {} as RequestContext['config']['health'] },
    clock: { now: () => new Date('2026-03-08T12:00:00Z') },
  });
}

describe('RequestContext.service', () => {
  it('creates a service once per request, built from that request, and reuses it for every later field', () => {
    CountingService.built = 0;
    const ctx = newContext();
    const first = ctx.service(CountingService);
    const second = ctx.service(CountingService);
    expect(second).toBe(first);
    expect(first.ctx).toBe(ctx);
    expect(CountingService.built).toBe(1);
  });

  it('gives each request its own instance, and each service class its own', () => {
    CountingService.built = 0;
    const a = newContext();
    const b = newContext();
    const ofA = a.service(CountingService);
    const ofB = b.service(CountingService);
    expect(ofB).not.toBe(ofA);
    expect(ofA.ctx).toBe(a);
    expect(ofB.ctx).toBe(b);
    expect(CountingService.built).toBe(2);
    const other = a.service(OtherService);
    expect(other).toBeInstanceOf(OtherService);
    expect(a.service(OtherService)).toBe(other);
    expect(a.service(CountingService)).toBe(ofA);
  });
});
