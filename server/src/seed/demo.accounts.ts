import { addDaysToDate, type SiteWalkTier } from '@groundwork/shared';
import type { Rng } from './random.js';
import {
  AREAS,
  CONTACT_FIRST,
  CONTACT_LAST,
  CONTACT_TITLES,
  HOA_KINDS,
  MULTIFAMILY_KINDS,
  MUNICIPAL_KINDS,
  NAME_PREFIXES,
  NAME_SUFFIXES,
  OFFICE_KINDS,
  PROPERTY_NAMES,
  RETAIL_KINDS,
  STORY_ACCOUNTS,
  type Area,
  type Profile,
  type Segment,
  type StoryAccount,
} from './demo.data.js';
import { ACCOUNT_COUNT, type AccountRow, type ContactRow } from './demo.model.js';
import type { AccountCtx, DemoContext } from './demo.context.js';

// The customers: the story accounts and a long tail of generated ones, with their contacts.

export function makeAccounts(g: DemoContext): void {
  const rng = g.rng.fork('accounts');
  const names = new Set(STORY_ACCOUNTS.map((s) => s.name));
  // No two accounts share a leading word ("Yarrow Park HOA" and "Yarrow Green …" read as one customer).
  const stemOf = (name: string) => name.replace(/^(The|City of) /, '').split(' ')[0]!;
  const stems = new Set(STORY_ACCOUNTS.map((s) => stemOf(s.name)));
  const specs: StoryAccount[] = [...STORY_ACCOUNTS];
  const managers = g.managers;
  const tailAreas = rng.shuffle(AREAS.map((a) => a.key));
  for (let i = 0; specs.length < ACCOUNT_COUNT; i++) {
    const segment = rng.weighted<Segment>([
      ['HOA', 50],
      ['Multifamily', 15],
      ['Retail center', 12],
      ['Office park', 13],
      ['Municipal', 10],
    ]);
    const area = AREAS.find((a) => a.key === tailAreas[i % tailAreas.length])!;
    let name = '';
    for (let attempt = 0; attempt < 200 && (name === '' || names.has(name) || stems.has(stemOf(name))); attempt++) {
      name = accountName(rng, segment, area);
    }
    names.add(name);
    stems.add(stemOf(name));
    const value = tailValue(rng, segment);
    const profile = rng.weighted<Profile>([
      ['HEALTHY', 65],
      ['WATCH', 22],
      ['DRIFTING', 8],
      ['RECOVERING', 5],
    ]);
    const tier: SiteWalkTier = value >= 60_000 || (segment === 'HOA' && rng.chance(0.25)) ? 'B' : 'C';
    const propertyCount = tailPropertyCount(rng, segment);
    const propertyNames = rng.shuffle(PROPERTY_NAMES[segment]).slice(0, propertyCount);
    specs.push({
      name,
      segment,
      area: area.key,
      annualValue: value,
      tier,
      profile,
      renewalInDays: rng.int(10, 545),
      manager: managers[i % managers.length]!.email.split('@')[0]!,
      properties: propertyCount === 1 ? ['Grounds'] : propertyNames,
    });
  }
  const contactRng = g.rng.fork('contacts');
  for (const spec of specs) {
    const renewalDate = addDaysToDate(g.today, spec.renewalInDays);
    // Renewals fall on the contract anniversary; customers have been with us 1–6 years.
    const years = rng.int(2, 6) + (spec.renewalInDays > 365 ? 1 : 0);
    const contractStart = `${Number(renewalDate.slice(0, 4)) - years}${renewalDate.slice(4)}`.replace(
      /-02-29$/,
      '-02-28',
    );
    const manager = g.user(spec.manager);
    const row: AccountRow = {
      id: rng.uuid(),
      name: spec.name,
      segment: spec.segment,
      accountManagerId: manager.id,
      annualValue: spec.annualValue,
      contractStart,
      renewalDate,
      tier: spec.tier,
      createdAt: g.at(contractStart, 9 * 60),
    };
    g.data.accounts.push(row);
    const troubleFrom =
      spec.profile === 'DRIFTING'
        ? rng.int(110, 170)
        : spec.profile === 'RECOVERING'
          ? rng.int(150, 190)
          : spec.profile === 'WATCH'
            ? rng.int(60, 120)
            : 0;
    const troubleTo = spec.profile === 'RECOVERING' ? rng.int(55, 75) : 0;
    const walksStopDaysAgo = spec.walksStopDaysAgo ?? (spec.profile === 'DRIFTING' ? rng.int(40, 90) : null);
    const ctx: AccountCtx = {
      row,
      profile: spec.profile,
      area: AREAS.find((a) => a.key === spec.area)!,
      manager,
      properties: [],
      contacts: [],
      troubleFrom,
      troubleTo,
      walksStopDaysAgo,
      walks: [],
      since: contractStart > g.historyStart ? contractStart : g.historyStart,
    };
    makeContacts(g, contactRng, ctx);
    (ctx as AccountCtx & { propertyNames: readonly string[] }).propertyNames = spec.properties;
    g.accounts.push(ctx);
  }
}

function accountName(rng: Rng, segment: Segment, area: Area): string {
  const prefix = rng.pick(NAME_PREFIXES);
  const suffix = rng.pick(NAME_SUFFIXES);
  switch (segment) {
    case 'HOA':
      return `${prefix} ${suffix} ${rng.pick(HOA_KINDS)}`;
    case 'Multifamily':
      return rng.chance(0.5) ? `The ${suffix} at ${area.label}` : `${prefix} ${suffix} ${rng.pick(MULTIFAMILY_KINDS)}`;
    case 'Retail center':
      return rng.chance(0.5) ? `${area.label} ${rng.pick(RETAIL_KINDS)}` : `${prefix} ${rng.pick(RETAIL_KINDS)}`;
    case 'Office park':
    case 'Corporate campus':
      return `${prefix} ${rng.pick(OFFICE_KINDS)}`;
    case 'Municipal':
      return rng.chance(0.5)
        ? `${prefix} ${suffix} ${MUNICIPAL_KINDS[0]}`
        : `City of ${area.city} – ${rng.pick(MUNICIPAL_KINDS.slice(1))}`;
    case 'Hospital campus':
      return `${prefix} Medical Center`;
  }
}

/** The long tail: small contracts, log-uniform so most are near the bottom of the range. */
function tailValue(rng: Rng, segment: Segment): number {
  const range: Record<Segment, [number, number]> = {
    HOA: [15_000, 40_000],
    Multifamily: [18_000, 50_000],
    'Retail center': [20_000, 60_000],
    'Office park': [25_000, 62_000],
    Municipal: [18_000, 50_000],
    'Corporate campus': [30_000, 70_000],
    'Hospital campus': [40_000, 90_000],
  };
  const [min, max] = range[segment];
  return Math.round(rng.logUniform(min, max) / 500) * 500;
}

function tailPropertyCount(rng: Rng, segment: Segment): number {
  switch (segment) {
    case 'HOA':
      return rng.weighted([
        [1, 35],
        [2, 35],
        [3, 20],
        [4, 10],
      ]);
    case 'Office park':
      return rng.weighted([
        [2, 30],
        [3, 35],
        [4, 25],
        [5, 10],
      ]);
    case 'Municipal':
      return rng.weighted([
        [1, 30],
        [2, 30],
        [3, 25],
        [4, 15],
      ]);
    default:
      return rng.weighted([
        [1, 40],
        [2, 40],
        [3, 20],
      ]);
  }
}

function makeContacts(g: DemoContext, rng: Rng, account: AccountCtx): void {
  const n =
    account.row.annualValue >= 250_000
      ? rng.int(2, 3)
      : rng.weighted([
          [1, 40],
          [2, 40],
          [3, 20],
        ]);
  const domain = `${account.row.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)}.example`;
  const titles = rng.shuffle(CONTACT_TITLES[account.row.segment]);
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    let first = rng.pick(CONTACT_FIRST);
    let last = rng.pick(CONTACT_LAST);
    while (used.has(`${first} ${last}`)) {
      first = rng.pick(CONTACT_FIRST);
      last = rng.pick(CONTACT_LAST);
    }
    used.add(`${first} ${last}`);
    const row: ContactRow = {
      id: rng.uuid(),
      accountId: account.row.id,
      name: `${first} ${last}`,
      title: titles[i % titles.length] ?? null,
      email: `${first}.${last}@${domain}`.toLowerCase(),
      phone: rng.chance(0.9) ? `(${rng.pick(['303', '720'])}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}` : null,
      isPrimary: i === 0,
    };
    account.contacts.push(row);
    g.data.contacts.push(row);
  }
}
