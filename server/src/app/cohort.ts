import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import { EventSubscription, type CohortRenderer, type DeliverySink, type FanOut } from '../modules/events/index.js';

/** Executions of subscription events, across all cohorts (the fan-out benchmark reports it per event). */
export const cohortStats = { executions: 0 };

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

/**
 * graphql-ws `subscribe`: the subscription is checked here (its resolver
 * validates the cursor and who asks), then handed to the instance's FanOut,
 * which executes each event once per cohort — same document, variables and
 * permission scope — and writes the same serialised result to every socket
 * of the cohort. graphql-ws only sees a stream that ends when the delivery
 * does; its `return()` (client complete, socket closed) stops the delivery.
 */
export async function subscribeInCohorts(
  args: ExecutionArgs,
  options: {
    scopeKey: string;
    fanOut: FanOut;
    sink: DeliverySink;
    /** A new context per execution: one EntityManager fork per pushed event. */
    contextForEvent: () => unknown;
    formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  },
): Promise<AsyncGenerator<ExecutionResult, void, unknown> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(source instanceof EventSubscription)) {
    if (Symbol.asyncIterator in source) throw new Error('Only opsEvents subscriptions are served');
    return source;
  }
  const renderer: CohortRenderer = {
    key: cohortKey(args, options.scopeKey),
    async render(event) {
      cohortStats.executions += 1;
      const result = await execute({ ...args, rootValue: event, contextValue: options.contextForEvent() });
      return JSON.stringify(result.errors ? { ...result, errors: options.formatErrors(result.errors) } : result);
    },
  };
  const delivery = options.fanOut.attach(source, renderer, options.sink);
  const done: IteratorReturnResult<void> = { done: true, value: undefined };
  const stream: AsyncGenerator<ExecutionResult, void, unknown> = {
    next: () => delivery.ended.then(() => done),
    return: () => {
      delivery.stop();
      return Promise.resolve(done);
    },
    throw: (error: unknown) => {
      delivery.stop();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
    [Symbol.asyncDispose]: () => {
      delivery.stop();
      return Promise.resolve();
    },
  };
  return stream;
}
