import type { Rng } from './random.js';
import { GOALS, OPPORTUNITIES } from './demo.data.js';
import type { AccountPlanRow } from './demo.model.js';
import type { AccountCtx, DemoContext } from './demo.context.js';

// Account plans: a plan per year, and the monthly and quarterly reviews that were (or were not) held.

export function makePlans(g: DemoContext, rng: Rng, account: AccountCtx): void {
  const year = Number(g.today.slice(0, 4));
  const month = Number(g.today.slice(5, 7));
  // Where the review habit stops (days ago): healthy accounts keep it, the rest let it slide.
  const monthlyStop =
    account.profile === 'DRIFTING'
      ? rng.int(75, 140)
      : account.profile === 'WATCH'
        ? rng.int(38, 70)
        : rng.chance(0.1)
          ? rng.int(36, 50)
          : 0;
  const quarterlyStop =
    account.profile === 'DRIFTING'
      ? rng.int(110, 200)
      : account.profile === 'WATCH' && rng.chance(0.6)
        ? rng.int(95, 130)
        : rng.chance(0.12)
          ? rng.int(100, 120)
          : 0;
  for (const y of [year - 1, year]) {
    const plan: AccountPlanRow = {
      id: rng.uuid(),
      accountId: account.row.id,
      year: y,
      goals: rng.shuffle(GOALS).slice(0, rng.int(2, 4)),
      opportunities: rng.shuffle(OPPORTUNITIES).slice(0, rng.int(2, 3)),
    };
    g.data.accountPlans.push(plan);
    const lastMonth = y === year ? month : 12;
    for (let m = 1; m <= lastMonth; m++) {
      const mm = String(m).padStart(2, '0');
      const monthly = `${y}-${mm}-${String(rng.int(3, 26)).padStart(2, '0')}`;
      const ago = g.daysAgo(monthly);
      const troubleSkip = account.profile === 'RECOVERING' && g.inTrouble(account, ago);
      if (ago >= 1 && ago > monthlyStop && !troubleSkip && contractCovers(account, monthly)) {
        g.data.planReviews.push({
          id: rng.uuid(),
          planId: plan.id,
          kind: 'MONTHLY_REVIEW',
          date: monthly,
          reviewerId: account.manager.id,
          notes: rng.pick([
            "Reviewed open issues and last month's walk findings with the customer.",
            'Went through response times and the enhancement pipeline.',
            'Checked progress on plan goals; no concerns raised.',
            'Customer asked for a tighter follow-up on irrigation repairs.',
            'Walked the budget vs actuals; proposals on track.',
          ]),
        });
      }
      if ((m - 1) % 3 === 0) {
        const quarterly = `${y}-${mm}-${String(rng.int(5, 25)).padStart(2, '0')}`;
        const qAgo = g.daysAgo(quarterly);
        if (qAgo >= 1 && qAgo > quarterlyStop && contractCovers(account, quarterly)) {
          g.data.planReviews.push({
            id: rng.uuid(),
            planId: plan.id,
            kind: 'QUARTERLY_UPDATE',
            date: quarterly,
            reviewerId: rng.chance(0.3) ? g.user('exec').id : account.manager.id,
            notes: rng.pick([
              'Quarterly business review: goals re-ranked, opportunities refreshed.',
              "Updated the plan with the customer's capital budget for next quarter.",
              'QBR with the property manager and ownership; renewal discussed.',
              'Reset priorities after the season change.',
            ]),
          });
        }
      }
    }
  }
}

function contractCovers(account: AccountCtx, date: string): boolean {
  return date >= account.row.contractStart;
}
