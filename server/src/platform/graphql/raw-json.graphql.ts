import { randomBytes } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';

type Path = readonly (string | number)[];

/**
 * Parts of one HTTP answer that PostgreSQL wrote as JSON already, in the very
 * shape the query asked for (its response keys, in its order): a resolver
 * answers an empty list in their place and puts the text here, and the text
 * goes into the response as it is. A list of a thousand map pins then costs
 * Node neither a JSON parse nor a GraphQL field per value nor a stringify.
 *
 * Only for values that cannot fail or be refused field by field (plain data,
 * no field rule): GraphQL never sees them. Present on HTTP requests only
 * (`rawJsonPlugin` and `stringifyResult` below splice them in); elsewhere a
 * resolver answers objects as usual.
 */
export class RawJson {
  readonly parts: { path: Path; json: string }[] = [];

  /** `json` (a JSON array or object) is the value at `path` of the answer's `data`. */
  put(path: Path, json: string): void {
    this.parts.push({ path, json });
  }
}

/** A field's path in the answer from GraphQL's resolve info (`info.path`). */
export function responsePath(path: { prev: unknown; key: string | number } | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev as typeof path) keys.unshift(p.key);
  return keys;
}

// Stands in for a part in the answer until it is written out; no value of the answer can hold it (the
// nonce is this process's own and never leaves it).
const MARK = `gw-raw-json:${randomBytes(16).toString('hex')}:`;
/** The parts of an answer, by its `data` object, between `willSendResponse` and `stringifyResult`. */
const pending = new WeakMap<object, string[]>();

/** Marks each part's place in the answer (its empty placeholder), where `stringifyResult` puts the text. */
export const rawJsonPlugin: ApolloServerPlugin<{ rawJson?: RawJson }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const parts = contextValue.rawJson?.parts;
        if (!parts?.length || response.body.kind !== 'single') return;
        const data = response.body.singleResult.data as Record<string | number, unknown> | null | undefined;
        if (!data) return;
        const texts: string[] = [];
        for (const { path, json } of parts) {
          // A part under a value an error nulled out is gone with it.
          let parent: unknown = data;
          for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[key];
          const last = path.at(-1)!;
          if (parent === null || typeof parent !== 'object' || !(last in parent)) continue;
          (parent as Record<string | number, unknown>)[last] = `${MARK}${texts.length}`;
          texts.push(json);
        }
        if (texts.length) pending.set(data, texts);
      },
    };
  },
};

/** Apollo's `stringifyResult`: its JSON (a line), with the parts written in. */
export function stringifyResult(value: FormattedExecutionResult): string {
  const json = JSON.stringify(value);
  const texts = value.data ? pending.get(value.data) : undefined;
  if (!texts) return `${json}\n`;
  let out = json;
  texts.forEach((text, i) => {
    out = out.replace(`"${MARK}${i}"`, () => text);
  });
  return `${out}\n`;
}
