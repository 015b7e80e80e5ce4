// Data a feature keeps on the device for use with no signal (not the outbox:
// captures not sent yet are never dropped). Each feature registers how to
// forget its copy; signing out forgets them all, so the next person on a
// shared phone finds nothing of the previous one's.

const forgetters = new Set<() => Promise<unknown>>();

export function onForgetDeviceData(forget: () => Promise<unknown>): void {
  forgetters.add(forget);
}

export async function forgetDeviceData(): Promise<void> {
  await Promise.all([...forgetters].map((forget) => forget().catch(() => undefined)));
}
