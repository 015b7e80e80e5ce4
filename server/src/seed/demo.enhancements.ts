import { ENHANCEMENT_STAGES, addDaysToDate, type EnhancementStage } from '@groundwork/shared';
import type { Rng } from './random.js';
import { samplePointIn } from './geo.js';
import { ENHANCEMENT_TEMPLATES } from './demo.data.js';
import { type AccountCtx, type DemoContext, addMinutes } from './demo.context.js';

// Growth: each account's Enhancements, moved along the pipeline as far as they got by today.

export function makeEnhancements(g: DemoContext, rng: Rng, account: AccountCtx): void {
  const count = Math.round(
    (1 + account.properties.length * 1.2 + (account.row.tier === 'A' ? 2 : 0)) *
      (account.profile === 'DRIFTING' ? 0.6 : 1),
  );
  const gaps: Record<EnhancementStage, [number, number]> = {
    IDENTIFIED: [0, 0],
    QUALIFIED: [3, 20],
    ESTIMATING: [1, 10],
    PROPOSED: [5, 20],
    APPROVED: [7, 40],
    SCHEDULED: [7, 45],
    COMPLETED: [14, 90],
    DECLINED: [5, 40],
  };
  const forward = ENHANCEMENT_STAGES.filter((s) => s !== 'DECLINED');
  for (let i = 0; i < count; i++) {
    const useWalk = account.walks.length > 0 && rng.chance(0.55);
    const walk = useWalk ? rng.pick(account.walks) : null;
    const property = walk
      ? account.properties.find((p) => p.row.id === walk.propertyId)!
      : rng.pick(account.properties);
    const createdAt = walk
      ? addMinutes(walk.startedAt, rng.int(5, 30))
      : g.at(
          addDaysToDate(g.today, -rng.int(1, rng.chance(0.4) ? 120 : g.daysAgo(account.since))),
          rng.int(8 * 60, 17 * 60),
        );
    const cond = g.conditions(account, createdAt);
    const template = rng.pick(ENHANCEMENT_TEMPLATES);
    const base =
      Math.round(Math.min(160_000, Math.max(1_800, account.row.annualValue * rng.float(0.02, 0.09))) / 100) * 100;

    let stage: EnhancementStage = 'IDENTIFIED';
    let t = createdAt;
    let approvedAt: Date | null = null;
    let transitions = 0;
    for (let s = 1; s < forward.length; s++) {
      const target = forward[s]!;
      const [lo, hi] = gaps[target];
      const at = new Date(t.getTime() + rng.float(lo, hi) * 86_400_000);
      if (at.getTime() >= g.cutoff.getTime()) break;
      if (rng.chance(target === 'SCHEDULED' || target === 'COMPLETED' ? 0.95 : cond.advance)) {
        stage = target;
        t = at;
        transitions++;
        if (target === 'APPROVED') approvedAt = at;
        continue;
      }
      // Work the customer approved is not declined in the demo (it would keep its approval date and blur growth).
      if (!approvedAt && rng.chance(0.4)) {
        const [dlo, dhi] = gaps.DECLINED;
        const declinedAt = new Date(t.getTime() + rng.float(dlo, dhi) * 86_400_000);
        if (declinedAt.getTime() < g.cutoff.getTime()) {
          stage = 'DECLINED';
          t = declinedAt;
          transitions++;
        }
      }
      break;
    }
    const reached = stage === 'DECLINED' ? forward[Math.max(0, transitions - 1)]! : stage;
    const qualified = reached !== 'IDENTIFIED';
    const priced = ['PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED'].includes(reached);
    const estimated = priced || (reached === 'ESTIMATING' ? rng.chance(0.4) : rng.chance(0.5));
    g.data.enhancements.push({
      id: rng.uuid(),
      propertyId: property.row.id,
      accountId: account.row.id,
      siteWalkId: walk?.id ?? null,
      location: samplePointIn(rng, property.row.boundary),
      title: template.title,
      description: template.description,
      serviceLineId: g.serviceLineId[template.serviceLine],
      stage,
      customerInterest: qualified || rng.chance(0.5),
      budgetConfirmed: qualified || rng.chance(0.25),
      estimatedValue: estimated ? (priced ? base : Math.round((base * rng.float(0.8, 1.3)) / 500) * 500 || 500) : null,
      proposalValue: priced ? Math.round((base * rng.float(0.92, 1.12)) / 100) * 100 : null,
      // Chosen by position, not by the random stream: the rest of the demo stays as it was.
      declineReason:
        stage === 'DECLINED' ? DECLINE_REASONS[g.data.enhancements.length % DECLINE_REASONS.length]! : null,
      createdById: walk ? walk.walkedById : account.manager.id,
      createdAt,
      updatedAt: t,
      approvedAt,
      version: transitions + 1,
    });
  }
}

/** What customers say when they pass on extra work. */
const DECLINE_REASONS = [
  'No budget left this fiscal year; revisit in the spring.',
  'The board wants to wait for the reserve study.',
  'Went with a lower bid from another contractor.',
  'Not a priority for the tenants right now.',
  'The property manager is changing; ask the new one.',
] as const;
