import { describe, expect, it } from 'vitest';
import { forgetDeviceData, onForgetDeviceData } from './device-data';

describe('forgetDeviceData', () => {
  it('runs every registered forget, and one that fails does not stop the others', async () => {
    const forgotten: string[] = [];
    onForgetDeviceData(() => Promise.reject(new Error('IndexedDB is unavailable')));
    onForgetDeviceData(async () => void forgotten.push('walk data'));
    await expect(forgetDeviceData()).resolves.toBeUndefined();
    expect(forgotten).toEqual(['walk data']);
  });
});
