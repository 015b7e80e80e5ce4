import { Repeater } from '@repeaterjs/repeater';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  print,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';

/** Executions of subscription events, across all cohorts (the fan-out benchmark reports it per event). */
export const cohortStats = { executions: 0 };

// Per source event, the result already computed for each cohort. The bus hands every subscriber
// the same event object, so the first subscriber of a cohort computes and the others reuse it.
const resultsByEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/**
 * The variables that only shape a subscriber's own source stream (its resume
 * cursor) and not the result of executing an event, so subscribers that
 * differ only there still share a cohort.
 */
function streamOnlyVariables(args: ExecutionArgs): Set<string> {
  const names = new Set<string>();
  const operation = getOperationAST(args.document, args.operationName);
  const root = operation?.selectionSet.selections[0];
  if (root?.kind !== Kind.FIELD) return names;
  for (const argument of root.arguments ?? []) {
    if (argument.name.value === 'since' && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
  }
  return names;
}

export function cohortKey(args: ExecutionArgs, scopeKey: string): string {
  const skip = streamOnlyVariables(args);
  const variables = Object.entries(args.variableValues ?? {})
    .filter(([name]) => !skip.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([print(args.document), args.operationName ?? null, variables, scopeKey]);
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value;
}

/**
 * graphql-ws `subscribe`: each subscriber keeps its own source stream (its
 * replay, its permission filter), but executing an event's selection happens
 * once per cohort — same document, variables and permission scope.
 */
export async function subscribeInCohorts(
  args: ExecutionArgs,
  scopeKey: string,
): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable<unknown>(source)) return source as ExecutionResult;
  const key = cohortKey(args, scopeKey);
  const iterator = source[Symbol.asyncIterator]();

  const run = (event: unknown): Promise<ExecutionResult> => {
    if (event === null || typeof event !== 'object') {
      cohortStats.executions += 1;
      return Promise.resolve(execute({ ...args, rootValue: event }));
    }
    let perCohort = resultsByEvent.get(event);
    if (!perCohort) {
      perCohort = new Map();
      resultsByEvent.set(event, perCohort);
    }
    let result = perCohort.get(key);
    if (!result) {
      cohortStats.executions += 1;
      result = Promise.resolve(execute({ ...args, rootValue: event }));
      perCohort.set(key, result);
    }
    return result;
  };

  // A Repeater, so a subscriber that leaves is dropped at once, not at the next event.
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const stopped = stop.then(() => ({ done: true as const, value: undefined }));
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), stopped]);
        if (next.done) break;
        await push(run(next.value));
      }
    } catch (error) {
      stop(error);
      return;
    } finally {
      await iterator.return?.();
    }
    stop();
  });
}
