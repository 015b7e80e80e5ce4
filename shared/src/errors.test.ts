import { describe, expect, it } from 'vitest';
import {
  DomainError,
  ERROR_CODES,
  badInput,
  forbidden,
  invalidTransition,
  isDomainError,
  notFound,
  rateLimited,
  unauthenticated,
  versionConflict,
} from './errors.js';

describe('ERROR_CODES', () => {
  it('is exactly the codes the API contract names', () => {
    expect(ERROR_CODES).toEqual([
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'BAD_USER_INPUT',
      'VERSION_CONFLICT',
      'INVALID_TRANSITION',
      'RATE_LIMITED',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'UNAVAILABLE',
      'GONE',
    ]);
  });
});

describe('DomainError', () => {
  it('is an Error with a name, code, message and empty details by default', () => {
    const error = new DomainError('NOT_FOUND', 'gone');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('gone');
    expect(error.details).toEqual({});
    expect(error.stack).toContain('DomainError');
  });

  it('keeps the details it is given', () => {
    const error = new DomainError('BAD_USER_INPUT', 'x', { field: 'title', extra: 1 });
    expect(error.details).toEqual({ field: 'title', extra: 1 });
  });
});

describe('badInput', () => {
  it('prefixes the message with the field and records the field', () => {
    const error = badInput('title', 'must not be empty');
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('title: must not be empty');
    expect(error.details).toEqual({ field: 'title' });
  });
});

describe('notFound', () => {
  it('names the entity and id', () => {
    const error = notFound('Issue', 'iss_42');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Issue iss_42 not found');
    expect(error.details).toEqual({ entity: 'Issue', id: 'iss_42' });
  });
});

describe('forbidden / unauthenticated / rateLimited', () => {
  it('forbidden carries the given message', () => {
    const error = forbidden('Not your account');
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Not your account');
  });

  it('unauthenticated has a default message', () => {
    expect(unauthenticated().code).toBe('UNAUTHENTICATED');
    expect(unauthenticated().message).toBe('You must be signed in');
    expect(unauthenticated('Token expired').message).toBe('Token expired');
  });

  it('rateLimited records retryAfterSeconds only when given', () => {
    expect(rateLimited('Too many login attempts', 30).details).toEqual({ retryAfterSeconds: 30 });
    expect(rateLimited('Too many login attempts').details).toEqual({});
    expect(rateLimited('slow down').code).toBe('RATE_LIMITED');
  });
});

describe('invalidTransition', () => {
  it('without allowed list names only the move', () => {
    const error = invalidTransition('OPEN', 'RESOLVED', 'Issue');
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toBe('Issue cannot go from OPEN to RESOLVED');
    expect(error.details).toEqual({ entity: 'Issue', from: 'OPEN', to: 'RESOLVED' });
  });

  it('lists the allowed targets', () => {
    const error = invalidTransition('RESOLVED', 'OPEN', 'Issue', ['VERIFIED', 'ASSIGNED']);
    expect(error.message).toBe('Issue cannot go from RESOLVED to OPEN; allowed: VERIFIED, ASSIGNED');
    expect(error.details.allowed).toEqual(['VERIFIED', 'ASSIGNED']);
  });

  it('says "none" when nothing is allowed', () => {
    expect(invalidTransition('VERIFIED', 'OPEN', 'Issue', []).message).toBe(
      'Issue cannot go from VERIFIED to OPEN; allowed: none',
    );
  });
});

describe('versionConflict', () => {
  it('carries the current version', () => {
    const error = versionConflict('Issue', 7);
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.message).toBe('Issue was changed by someone else (now version 7); reload and try again');
    expect(error.details).toEqual({ entity: 'Issue', currentVersion: 7 });
  });

  it('carries the current state when given', () => {
    const current = { id: 'iss_1', status: 'IN_PROGRESS', version: 7 };
    expect(versionConflict('Issue', 7, current).details).toEqual({ entity: 'Issue', currentVersion: 7, current });
  });
});

describe('isDomainError', () => {
  it('recognises DomainErrors', () => {
    expect(isDomainError(badInput('x', 'y'))).toBe(true);
  });

  it('recognises a DomainError from another copy of the package by shape', () => {
    const foreign = Object.assign(new Error('boom'), { name: 'DomainError', code: 'FORBIDDEN', details: {} });
    expect(isDomainError(foreign)).toBe(true);
  });

  it('rejects everything else', () => {
    expect(isDomainError(new Error('plain'))).toBe(false);
    expect(isDomainError(null)).toBe(false);
    expect(isDomainError('DomainError')).toBe(false);
    expect(isDomainError({ name: 'DomainError', code: 'TEAPOT', details: {} })).toBe(false);
    expect(isDomainError({ name: 'DomainError', code: 'FORBIDDEN' })).toBe(false);
  });
});

describe('notFound with a field', () => {
  it('names the input field in the message and the details', () => {
    const error = notFound('Property', 'p-1', 'input.propertyId');
    expect(error.message).toBe('input.propertyId: Property p-1 not found');
    expect(error.details).toEqual({ field: 'input.propertyId', entity: 'Property', id: 'p-1' });
  });
});
