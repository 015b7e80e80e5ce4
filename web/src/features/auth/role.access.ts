import type { Role } from '@groundwork/shared';

// Which parts of the app each role works in (DESIGN §1), in the order their
// navigation lists them; the first is where they land after signing in. This
// only shapes the interface: what each role may read is enforced by the server.

export type Section = 'portfolio' | 'accounts' | 'map' | 'walk' | 'work' | 'kpis';

export const SECTION_PATHS: Readonly<Record<Section, string>> = {
  portfolio: '/portfolio',
  accounts: '/accounts',
  map: '/map',
  walk: '/walk',
  work: '/work',
  kpis: '/kpis',
};

export const SECTION_LABELS: Readonly<Record<Section, string>> = {
  portfolio: 'Portfolio',
  accounts: 'Accounts',
  map: 'Map',
  walk: 'Site walks',
  work: 'My work',
  kpis: 'KPIs',
};

export const SECTIONS_BY_ROLE: Readonly<Record<Role, readonly Section[]>> = {
  // Executives start from account health across the portfolio.
  EXECUTIVE: ['portfolio', 'accounts', 'map', 'kpis'],
  // Operations managers run the day from the live map.
  OPS_MANAGER: ['map', 'accounts', 'portfolio', 'walk', 'kpis'],
  // Account managers start from their own accounts.
  ACCOUNT_MANAGER: ['accounts', 'walk', 'map', 'portfolio', 'kpis'],
  // Crew leads see the work routed to their crew, and how their crew is doing (its KPIs only).
  CREW_LEAD: ['work', 'kpis'],
};

/** The page a role starts on. */
export function landingPath(role: Role): string {
  return SECTION_PATHS[SECTIONS_BY_ROLE[role][0]!];
}

export function canOpenSection(role: Role, section: Section): boolean {
  return SECTIONS_BY_ROLE[role].includes(section);
}

/** The section a path belongs to (`/accounts/42` → accounts), or null outside every section. */
export function sectionOfPath(pathname: string): Section | null {
  const first = pathname.split('/')[1] ?? '';
  return (Object.keys(SECTION_PATHS) as Section[]).find((section) => SECTION_PATHS[section] === `/${first}`) ?? null;
}
