import type { TestServer } from './test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './factories.js';

// Wednesday 10 June 2026, noon in Denver: the default period is May 2026, whose company days run from
// 2026-05-01T06:00Z to 2026-06-01T06:00Z (MDT, UTC-6).
export const REPORT_NOW = '2026-06-10T18:00:00Z';

/**
 * Two accounts (A of am1 with two properties, B of am2), Issues around May 2026 with
 * before/after photos on three fixes, Enhancements, walks with quality scores and a
 * weekly schedule: the data the customer report's figures are worked out from by hand.
 * `photoFile` (optional) stores each photo's files, for tests that serve them.
 */
export async function reportWorld(server: TestServer, photoFile?: (fileKey: string) => Promise<void>) {
  const em = server.em();
  const db = em.getConnection();
  const lines = await createServiceLines(em);
  const crew = await createCrew(em, lines.MAINTENANCE);
  const am1 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
  const am2 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
  const exec = await createUser(em, { role: 'EXECUTIVE' });
  const ops = await createUser(em, { role: 'OPS_MANAGER' });
  const lead = await createUser(em, { role: 'CREW_LEAD', crew });
  const a = await createAccount(em, am1.user, { name: 'Cherry Creek Office Park' });
  const b = await createAccount(em, am2.user, { name: 'Other Customer' });
  const p1 = await createProperty(em, a, { lng: -104.9, lat: 39.7 }, 400, 'North Campus');
  const p2 = await createProperty(em, a, { lng: -104.8, lat: 39.7 }, 400, 'South Campus');
  const pb = await createProperty(em, b, { lng: -104.7, lat: 39.6 }, 400, 'Elsewhere');
  await createSchedule(em, p1, lines.MAINTENANCE, crew, { weekday: 1, cadence: 'WEEKLY', anchorDate: '2026-01-05' });

  const issue = async (
    property: { id: string; account: { id: string } },
    o: {
      category: string;
      urgency?: string;
      source: string;
      status: string;
      created: string;
      due?: string;
      resolved?: string;
      title?: string;
    },
  ) => {
    const [row] = await db.execute<{ id: string }[]>(
      `insert into issues (id, property_id, account_id, location, title, category, urgency, status, due_at, source,
         created_at, updated_at, resolved_at, crew_id, assigned_at)
       values (gen_random_uuid(), ?, ?, ST_SetSRID(ST_MakePoint(-104.9, 39.7), 4326), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       returning id`,
      [
        property.id,
        property.account.id,
        o.title ?? `${o.category} ${o.created}`,
        o.category,
        o.urgency ?? 'ROUTINE',
        o.status,
        o.due ?? null,
        o.source,
        o.created,
        o.created,
        o.resolved ?? null,
        crew.id,
        o.created,
      ],
    );
    return row!.id;
  };
  const i1 = await issue(p1, {
    category: 'WEEDS',
    source: 'SITE_WALK',
    status: 'RESOLVED',
    created: '2026-05-03T15:00Z',
    due: '2026-05-06T05:59:59Z',
    resolved: '2026-05-05T15:00Z',
  });
  const i2 = await issue(p1, {
    category: 'LITTER',
    source: 'CUSTOMER',
    status: 'VERIFIED',
    created: '2026-05-10T15:00Z',
    due: '2026-05-12T06:00Z',
    resolved: '2026-05-14T15:00Z',
  });
  const i3 = await issue(p2, {
    category: 'SAFETY',
    urgency: 'URGENT',
    source: 'SITE_WALK',
    status: 'VERIFIED',
    created: '2026-05-20T12:00Z',
    due: '2026-05-21T12:00Z',
    resolved: '2026-05-20T18:00Z',
  });
  const i4 = await issue(p2, {
    category: 'IRRIGATION_LEAK',
    urgency: 'URGENT',
    source: 'CUSTOMER',
    status: 'RESOLVED',
    created: '2026-05-25T12:00Z',
    resolved: '2026-05-26T00:00Z',
  });
  const i5 = await issue(p1, {
    category: 'WEEDS',
    source: 'CREW',
    status: 'ASSIGNED',
    created: '2026-05-28T12:00Z',
    due: '2026-06-03T06:00Z',
    title: 'Weeds by the north gate',
  });
  // Reported before May, fixed after it: open at the end of the period, neither found nor fixed in it.
  const i6 = await issue(p1, {
    category: 'LITTER',
    source: 'CUSTOMER',
    status: 'RESOLVED',
    created: '2026-04-20T12:00Z',
    due: '2026-04-25T06:00Z',
    resolved: '2026-06-02T12:00Z',
    title: 'Litter along the fence',
  });
  await issue(p2, {
    category: 'TURF_DAMAGE',
    source: 'SITE_WALK',
    status: 'RESOLVED',
    created: '2026-04-01T12:00Z',
    resolved: '2026-04-03T12:00Z',
  });
  // 23:30 on April 30 in Denver (not found in May), fixed at 00:30 on May 1 (fixed in May), no visit to meet.
  await issue(p1, {
    category: 'LITTER',
    source: 'CUSTOMER',
    status: 'RESOLVED',
    created: '2026-05-01T05:30Z',
    resolved: '2026-05-01T06:30Z',
  });
  await issue(pb, {
    category: 'SAFETY',
    urgency: 'URGENT',
    source: 'CUSTOMER',
    status: 'RESOLVED',
    created: '2026-05-05T12:00Z',
    resolved: '2026-05-05T14:00Z',
  });

  const photo = async (issueId: string, kind: string, at: string) => {
    const fileKey = `report-world/${issueId}-${kind}`;
    await db.execute(
      `insert into photos (id, issue_id, kind, file_key, content_type, size_bytes, width, height, created_at, attached_at)
       values (gen_random_uuid(), ?, ?, ?, 'image/jpeg', 1, 4, 3, ?, ?)`,
      [issueId, kind, fileKey, at, at],
    );
    await photoFile?.(fileKey);
  };
  for (const id of [i1, i3, i4]) {
    await photo(id, 'BEFORE', '2026-05-01T07:00Z');
    await photo(id, 'AFTER', '2026-05-27T07:00Z');
  }
  await photo(i2, 'BEFORE', '2026-05-10T15:00Z');

  const enhancement = async (o: {
    title: string;
    stage: string;
    approved?: string;
    estimate?: number;
    proposal?: number;
  }) => {
    const [row] = await db.execute<{ id: string }[]>(
      `insert into enhancements (id, property_id, account_id, location, title, stage, customer_interest, budget_confirmed,
         estimated_value, proposal_value, created_at, updated_at, approved_at)
       values (gen_random_uuid(), ?, ?, ST_SetSRID(ST_MakePoint(-104.9, 39.7), 4326), ?, ?, true, true, ?, ?, '2026-03-01T12:00Z', '2026-03-01T12:00Z', ?)
       returning id`,
      [p1.id, a.id, o.title, o.stage, o.estimate ?? null, o.proposal ?? null, o.approved ?? null],
    );
    return row!.id;
  };
  const e1 = await enhancement({
    title: 'Seasonal color at the entry',
    stage: 'APPROVED',
    approved: '2026-05-12T12:00Z',
    estimate: 4000,
    proposal: 5000,
  });
  const e2 = await enhancement({ title: 'Drip irrigation for the beds', stage: 'PROPOSED', estimate: 3000 });
  await enhancement({ title: 'Mulch refresh', stage: 'COMPLETED', approved: '2026-04-10T12:00Z', proposal: 2000 });
  await enhancement({ title: 'Tree removal', stage: 'DECLINED', estimate: 900 });

  const walk = async (
    property: { id: string; account: { id: string } },
    completed: string,
    attended: boolean,
    scores: [string, number][],
  ) => {
    const [row] = await db.execute<{ id: string }[]>(
      `insert into site_walks (id, property_id, account_id, walked_by_id, started_at, completed_at, customer_attended)
       values (gen_random_uuid(), ?, ?, ?, ?::timestamptz - interval '1 hour', ?, ?) returning id`,
      [property.id, property.account.id, am1.user.id, completed, completed, attended],
    );
    for (const [area, score] of scores) {
      await db.execute(
        'insert into site_walk_scores (id, site_walk_id, area, score) values (gen_random_uuid(), ?, ?, ?)',
        [row!.id, area, score],
      );
    }
  };
  await walk(p1, '2026-04-15T16:00Z', true, [['TURF', 3]]);
  await walk(p1, '2026-05-07T16:00Z', true, [
    ['TURF', 4],
    ['IRRIGATION', 3],
  ]);
  await walk(p2, '2026-05-21T16:00Z', false, [['TURF', 5]]);
  await walk(pb, '2026-05-21T16:00Z', true, [['TURF', 1]]);

  for (const [account, name, email] of [
    [a, 'Pat Rivera', 'Pat@CherryCreek.example'],
    [a, 'Lee Chen', 'lee@cherrycreek.example'],
    [a, 'Front desk', null],
    [b, 'Other Contact', 'someone@other.example'],
  ] as const) {
    await db.execute(
      'insert into contacts (id, account_id, name, email, is_primary) values (gen_random_uuid(), ?, ?, ?, false)',
      [account.id, name, email],
    );
  }

  return { a, b, p1, p2, pb, am1, am2, exec, ops, lead, i1, i2, i3, i4, i5, i6, e1, e2 };
}
