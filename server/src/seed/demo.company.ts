import {
  DEFAULT_CATEGORY_SERVICE_LINE,
  ISSUE_CATEGORIES,
  SERVICE_LINE_CODES,
  SERVICE_LINE_LABELS,
  type ServiceLineCode,
} from '@groundwork/shared';
import { CREWS, STAFF } from './demo.data.js';
import type { UserRow, CrewRow } from './demo.model.js';
import type { DemoContext } from './demo.context.js';

// The company: its service lines, routing table, staff, and crews with their leads.

export function makeServiceLines(g: DemoContext): void {
  const rng = g.rng.fork('service-lines');
  const ids = {} as Record<ServiceLineCode, string>;
  for (const code of SERVICE_LINE_CODES) {
    ids[code] = g.options.serviceLineIds?.[code] ?? rng.uuid();
    g.data.serviceLines.push({ id: ids[code], code, name: SERVICE_LINE_LABELS[code] });
  }
  g.serviceLineId = ids;
  const routes =
    g.options.categoryRoutes ??
    ISSUE_CATEGORIES.map((category) => ({ category, serviceLineId: ids[DEFAULT_CATEGORY_SERVICE_LINE[category]] }));
  g.data.categoryRoutes = routes.map((r) => ({ ...r }));
  g.categoryServiceLine = Object.fromEntries(routes.map((r) => [r.category, r.serviceLineId]));
}

export function makePeopleAndCrews(g: DemoContext): void {
  const rng = g.rng.fork('people');
  for (const spec of STAFF) {
    const row: UserRow = { id: rng.uuid(), email: spec.email, name: spec.name, role: spec.role, crewId: null };
    g.usersByKey.set(spec.key, row);
    g.data.users.push(row);
  }
  for (const spec of CREWS) {
    const crewId = rng.uuid();
    const lead: UserRow = { id: rng.uuid(), email: spec.lead.email, name: spec.lead.name, role: 'CREW_LEAD', crewId };
    g.usersByKey.set(spec.lead.key, lead);
    g.data.users.push(lead);
    const row: CrewRow = {
      id: crewId,
      name: spec.name,
      serviceLineId: g.serviceLineId[spec.serviceLine],
      leadId: lead.id,
      color: spec.color,
    };
    g.data.crews.push(row);
    g.crewCtx.push({ row, spec, lead, weekdayCursor: rng.int(0, 4) });
  }
}
