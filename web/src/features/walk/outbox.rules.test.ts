import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { PhotoUploadError } from '../../ui/photo-upload';
import {
  classifyFailure,
  draftPins,
  mustQueue,
  nextToSend,
  outboxLabel,
  retryDelayMs,
  walksFinishedOnPhone,
  walksStartedOnPhone,
  type OutboxItem,
} from './outbox.rules';

const item = (clientId: string, seq: number, state: OutboxItem['state'] = 'WAITING'): OutboxItem => ({
  clientId,
  seq,
  kind: 'ISSUE',
  siteWalkId: 'walk-1',
  label: `Issue ${clientId}`,
  input: {},
  photos: [],
  state,
  error: state === 'REFUSED' ? 'Location is outside the property' : null,
  createdAt: '2026-12-07T01:00:00.000Z',
});

describe('outbox rules', () => {
  it('sends the oldest waiting capture first, whatever order IndexedDB returns', () => {
    expect(nextToSend([item('c', 3), item('a', 1), item('b', 2)])?.clientId).toBe('a');
  });

  it('skips a refused capture (it waits for the person) and sends the next', () => {
    expect(nextToSend([item('a', 1, 'REFUSED'), item('b', 2)])?.clientId).toBe('b');
    expect(nextToSend([item('a', 1, 'REFUSED')])).toBeNull();
    expect(nextToSend([])).toBeNull();
  });

  it('retries what never reached the server and keeps what it refused', () => {
    expect(classifyFailure(new TypeError('Failed to fetch'))).toEqual({ retry: true, message: 'Failed to fetch' });
    expect(classifyFailure(new PhotoUploadError('no connection', 'NETWORK', 0)).retry).toBe(true);
    expect(classifyFailure(new PhotoUploadError('busy', 'HTTP 503', 503)).retry).toBe(true);
    expect(classifyFailure(new PhotoUploadError('The file is too large', 'PAYLOAD_TOO_LARGE', 413))).toEqual({
      retry: false,
      message: 'The file is too large',
    });
    const refusal = new CombinedGraphQLErrors({
      errors: [{ message: 'location is outside the property', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(classifyFailure(refusal)).toEqual({ retry: false, message: 'location is outside the property' });
    const databaseDown = new CombinedGraphQLErrors({
      errors: [{ message: 'Try again in a moment.', extensions: { code: 'UNAVAILABLE' } }],
    });
    expect(classifyFailure(databaseDown)).toEqual({ retry: true, message: 'Try again in a moment.' });
    const down = new ServerError('Bad gateway', { response: new Response('', { status: 502 }), bodyText: '' });
    expect(classifyFailure(down).retry).toBe(true);
  });

  it('says how many wait and how many need the person', () => {
    expect(outboxLabel([])).toBeNull();
    expect(outboxLabel([item('a', 1), item('b', 2), item('c', 3)])).toBe('3 waiting to send');
    expect(outboxLabel([item('a', 1), item('b', 2, 'REFUSED')])).toBe('1 waiting to send, 1 refusal to fix');
    expect(outboxLabel([item('a', 1, 'REFUSED'), item('b', 2, 'REFUSED')])).toBe('2 refusals to fix');
  });

  it('backs off from 2 s, doubling, to at most a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('queues a new capture behind older waiting ones, and sends it at once when nothing older waits', () => {
    expect(mustQueue([item('start', 1), item('new', 2, 'HELD')], 'new')).toBe(true);
    expect(mustQueue([item('new', 2, 'HELD')], 'new')).toBe(false);
    // A refused item waits for the person, not for the queue.
    expect(mustQueue([item('old', 1, 'REFUSED'), item('new', 2, 'HELD')], 'new')).toBe(false);
    expect(mustQueue([item('new', 2, 'HELD'), item('later', 3)], 'new')).toBe(false);
  });

  it("draws the walk's unsent Issues and Enhancements as draft pins, and nothing else", () => {
    const issue = {
      ...item('i1', 2),
      input: { title: 'Litter', location: { lng: -104.95, lat: 39.72 }, propertyId: 'p1' },
    };
    const enhancement = {
      ...item('e1', 3),
      kind: 'ENHANCEMENT' as const,
      input: { title: 'Seasonal color', location: { lng: -104.951, lat: 39.721 } },
    };
    const otherWalk = { ...issue, clientId: 'i2', siteWalkId: 'walk-2' };
    const start = { ...item('walk-1', 1), kind: 'START_WALK' as const, input: { propertyId: 'p1' } };
    expect(draftPins([start, issue, enhancement, otherWalk], 'walk-1')).toEqual([
      { id: 'i1', kind: 'ISSUE', title: 'Litter', location: { lng: -104.95, lat: 39.72 }, draft: true },
      { id: 'e1', kind: 'ENHANCEMENT', title: 'Seasonal color', location: { lng: -104.951, lat: 39.721 }, draft: true },
    ]);
  });

  it('knows the walks started on this phone that the server has not had yet, by property', () => {
    const start = {
      ...item('walk-9', 1),
      kind: 'START_WALK' as const,
      siteWalkId: 'walk-9',
      input: { propertyId: 'p1' },
    };
    expect([...walksStartedOnPhone([start, item('i1', 2)])]).toEqual([['p1', 'walk-9']]);
  });

  it('knows the walks finished on the phone and not sent yet', () => {
    const finish = { ...item('complete-walk-2', 3), kind: 'COMPLETE_WALK' as const, siteWalkId: 'walk-2' };
    expect([...walksFinishedOnPhone([item('a', 1), finish])]).toEqual(['walk-2']);
    expect(walksFinishedOnPhone([item('a', 1)]).size).toBe(0);
  });
});
