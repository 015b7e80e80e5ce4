import type { EntityManager } from '@mikro-orm/sql';
import type { Role } from '@groundwork/shared';
import type { Logger } from '../app/logger.js';

export const DEMO_PASSWORD = 'groundwork-demo';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [];

export interface SeedSummary {
  accounts: number;
  properties: number;
  issues: number;
}

export async function seedDemo(_em: EntityManager, _opts: { timeZone: string; logger?: Logger; now?: Date }): Promise<SeedSummary> {
  return { accounts: 0, properties: 0, issues: 0 };
}

export async function seedDemoIfEmpty(
  _em: EntityManager,
  _opts: { timeZone: string; logger?: Logger },
): Promise<SeedSummary | null> {
  return null;
}
