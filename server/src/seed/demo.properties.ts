import { addDaysToDate, isoWeekdayOf, type ServiceLineCode, type VisitCadence } from '@groundwork/shared';
import {
  boundaryRadiusMetres,
  distanceMetres,
  offset,
  round7,
  siteBoundary,
  type MultiPolygon,
  type Position,
  type SiteShape,
} from './geo.js';
import { SITE_HECTARES, regionOf } from './demo.data.js';
import { METRO_BOUNDS, type PropertyRow, type ScheduleRow } from './demo.model.js';
import type { AccountCtx, DemoContext } from './demo.context.js';

// Where the work is: each account's properties (boundaries placed in the metro, clear of each other)
// and the crews' visit schedules on them.

export function makeProperties(g: DemoContext): void {
  const rng = g.rng.fork('properties');
  const placed: { centre: Position; radius: number }[] = [];
  // Inside the metro box with 300 m to spare, and clear of every site placed so far.
  const fits = (centre: Position, radius: number) => {
    const [west, south] = offset(centre, -(radius + 300), -(radius + 300));
    const [east, north] = offset(centre, radius + 300, radius + 300);
    return (
      west >= METRO_BOUNDS.west &&
      east <= METRO_BOUNDS.east &&
      south >= METRO_BOUNDS.south &&
      north <= METRO_BOUNDS.north &&
      placed.every((p) => distanceMetres(p.centre, centre) > p.radius + radius + 40)
    );
  };
  for (const account of g.accounts) {
    const names = (account as AccountCtx & { propertyNames: readonly string[] }).propertyNames;
    const segment = account.row.segment;
    const street = rng.pick(account.area.streets);
    const zip = rng.pick(account.area.zips);
    let anchor: Position | null = null;
    names.forEach((name, index) => {
      const [minHa, maxHa] = SITE_HECTARES[segment];
      const areaSqm = rng.logUniform(minHa, maxHa) * 10_000;
      const campus = segment === 'Hospital campus' || segment === 'Corporate campus';
      const shape: SiteShape =
        campus && index === 0 && rng.chance(0.6)
          ? 'TWO_PART'
          : rng.chance(campus || segment === 'Office park' || segment === 'Retail center' ? 0.3 : 0.15)
            ? 'L_SHAPE'
            : 'IRREGULAR';
      let boundary: MultiPolygon | null = null;
      let centre: Position = [account.area.lng, account.area.lat];
      let radius = 0;
      for (let attempt = 0; attempt < 400 && !boundary; attempt++) {
        const spread = anchor ? 250 + attempt * 15 : 300 + attempt * 20;
        const from: Position = anchor ?? [account.area.lng, account.area.lat];
        const d = rng.float(anchor ? 150 : 0, Math.min(spread, anchor ? 1500 : 3500));
        const bearing = rng.float(0, 2 * Math.PI);
        const c = offset(from, Math.cos(bearing) * d, Math.sin(bearing) * d);
        const candidate = siteBoundary(rng, c, areaSqm, shape);
        const r = boundaryRadiusMetres(candidate, c);
        if (fits(c, r)) {
          boundary = candidate;
          centre = c;
          radius = r;
        }
      }
      if (!boundary) throw new Error(`could not place a property for ${account.row.name}`);
      anchor ??= centre;
      placed.push({ centre, radius });
      const number = index === 0 || rng.chance(0.3) ? rng.int(1, 99) * 100 + rng.int(0, 99) : undefined;
      const address = `${number ?? rng.int(1, 99) * 100 + rng.int(0, 99)} ${index === 0 ? street : rng.pick(account.area.streets)}, ${account.area.city}, CO ${zip}`;
      const row: PropertyRow = {
        id: rng.uuid(),
        accountId: account.row.id,
        name: names.length === 1 && name === 'Grounds' ? account.row.name : `${account.row.name} – ${name}`,
        address,
        boundary,
      };
      g.data.properties.push(row);
      account.properties.push({
        row,
        centre: [round7(centre[0]), round7(centre[1])],
        radius,
        schedules: [],
        issues: [],
      });
    });
  }
}

export function makeSchedules(g: DemoContext): void {
  const rng = g.rng.fork('schedules');
  for (const account of g.accounts) {
    const tier = account.row.tier;
    for (const property of account.properties) {
      const region = regionOf(property.centre[0], property.centre[1]);
      const add = (code: ServiceLineCode, cadence: VisitCadence) => {
        const crew = g.crewCtx.find(
          (c) => c.spec.serviceLine === code && (c.spec.regions === null || c.spec.regions.includes(region)),
        )!;
        const weekday = (crew.weekdayCursor++ % 5) + 1;
        const back = (isoWeekdayOf(g.today) - weekday + 7) % 7 || 7;
        const weeksBack = cadence === 'WEEKLY' ? 0 : cadence === 'BIWEEKLY' ? rng.int(0, 1) : rng.int(0, 3);
        const anchorDate = addDaysToDate(g.today, -back - 7 * weeksBack);
        const row: ScheduleRow = {
          id: rng.uuid(),
          propertyId: property.row.id,
          serviceLineId: g.serviceLineId[code],
          crewId: crew.row.id,
          weekday,
          cadence,
          anchorDate,
        };
        g.data.schedules.push(row);
        property.schedules.push({
          serviceLineId: row.serviceLineId,
          crewId: row.crewId,
          weekday,
          cadence,
          anchorDate,
        });
      };
      add('MAINTENANCE', tier === 'C' ? 'BIWEEKLY' : 'WEEKLY');
      if (rng.chance(0.9)) add('IRRIGATION', 'BIWEEKLY');
      if (tier === 'A' || rng.chance(0.6)) add('TREE_CARE', 'MONTHLY');
      if (tier === 'A' || rng.chance(0.45)) add('PLANT_HEALTH', 'MONTHLY');
      if (rng.chance(tier === 'A' ? 0.6 : 0.2)) add('ENHANCEMENTS', 'MONTHLY');
      if (rng.chance(0.8)) add('SNOW', 'WEEKLY');
    }
  }
}
