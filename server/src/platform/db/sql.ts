import { CompiledQuery } from 'kysely';
import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';

/**
 * A SQL statement with positional parameters, built in pieces. `?` is what
 * MikroORM's `execute` takes (it expands an array parameter for `in (?)`);
 * {@link Sql.toPg} renumbers the same statement as `$1…$n` for node-postgres,
 * so the benchmark runs exactly the statement the service runs.
 */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[] = [],
  ) {}

  static join(parts: readonly Sql[], separator: string): Sql {
    return new Sql(
      parts.map((p) => p.text).join(separator),
      parts.flatMap((p) => p.params),
    );
  }

  toPg(): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    let i = 0;
    const text = this.text.replace(/\?/g, () => {
      const param = this.params[i++];
      if (Array.isArray(param)) {
        return param.map((v) => (values.push(v), `$${values.length}`)).join(', ');
      }
      values.push(param);
      return `$${values.length}`;
    });
    return { text, values };
  }
}

export function sql(strings: TemplateStringsArray, ...values: (Sql | unknown)[]): Sql {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return new Sql(text, params);
}

/**
 * Runs a statement with its parameters bound (PostgreSQL's extended protocol),
 * in `em`'s transaction when it has one (the ORM's own Kysely transaction),
 * else on the ORM's pool; logged as the ORM logs its own, failing with the ORM's exceptions.
 * MikroORM's `execute` writes the parameters into the text and sends a simple
 * query: for a statement answering one large JSON value (a map view) that
 * costs PostgreSQL about twice the time here (bench:map).
 */
export async function queryBound<R extends object>(em: EntityManager, query: Sql): Promise<R[]> {
  const { text, values } = query.toPg();
  const started = Date.now();
  const tx = em.getTransactionContext<{ executeQuery: ReturnType<EntityManager['getKysely']>['executeQuery'] }>();
  let rows: R[];
  try {
    ({ rows } = await (tx ?? em.getKysely()).executeQuery<R>(CompiledQuery.raw(text, values)));
  } catch (error) {
    // The ORM's own exception classes (a unique violation is UniqueConstraintViolationException), as `execute` throws.
    throw error instanceof Error ? em.getDriver().convertException(error) : error;
  }
  em.config.getLogger().logQuery({ query: text, params: values, took: Date.now() - started, results: rows.length });
  return rows;
}

/** A row a statement answered with its point beside its columns as `ST_AsGeoJSON(location, 7) as location_json`. */
export type LocatedRow = Record<string, unknown> & { location_json: string };

/**
 * The entity of `em` for a row a bound statement answered (`returning *` and
 * the point as `location_json`), for resolvers and events as if the ORM had
 * loaded it: `map` takes the row as the database answers it, the point as the
 * GeoJSON text the ORM itself reads.
 */
export function mapLocatedRow<T extends object>(em: EntityManager, entity: EntityName<T>, row: LocatedRow): T {
  const { location_json, ...columns } = row;
  return em.map(entity, { ...columns, location: location_json } as never);
}
