import type { EntityManager } from '@mikro-orm/sql';

/** A value already written as SQL (a function call, a cast); inserted verbatim. */
export class RawSql {
  constructor(readonly sql: string) {}
}

function number(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to SQL`);
  return String(value);
}

function quote(value: string): string {
  // standard_conforming_strings is on in every supported PostgreSQL: only quotes need doubling.
  if (value.includes('\0')) throw new Error('NUL in a seeded string');
  return `'${value.replaceAll("'", "''")}'`;
}

/** One value as a SQL literal. Seed values are generated here, but they are escaped all the same. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof RawSql) return value.sql;
  if (typeof value === 'number') return number(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return quote(value.toISOString());
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return `'{}'::text[]`;
    return `array[${value.map((v) => quote(String(v))).join(', ')}]::text[]`;
  }
  throw new Error(`cannot write ${typeof value} to SQL`);
}

/** A WGS 84 point from [lng, lat]. */
export function pointSql(position: readonly [number, number]): RawSql {
  return new RawSql(`ST_SetSRID(ST_MakePoint(${number(position[0])}, ${number(position[1])}), 4326)`);
}

/** Any GeoJSON geometry in WGS 84. */
export function geoJsonSql(geometry: object): RawSql {
  return new RawSql(`ST_SetSRID(ST_GeomFromGeoJSON(${quote(JSON.stringify(geometry))}), 4326)`);
}

/**
 * Multi-row INSERTs, `batch` rows per statement, inside whatever transaction
 * `em` is in. Values are inlined as literals (MikroORM inlines parameters
 * anyway), so one statement carries a thousand rows with no parameter limit.
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { batch?: number; suffix?: string } = {},
): Promise<void> {
  const batch = options.batch ?? 1000;
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows
      .slice(i, i + batch)
      .map((row) => {
        if (row.length !== columns.length)
          throw new Error(`${table}: ${row.length} values for ${columns.length} columns`);
        return `(${row.map(literal).join(', ')})`;
      })
      .join(',\n');
    await em.execute(`${head}${values}${options.suffix ? ` ${options.suffix}` : ''}`, [], 'run');
  }
}
