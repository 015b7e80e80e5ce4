import { Extensions } from 'type-graphql';
import {
  defaultFieldResolver,
  GraphQLID,
  GraphQLString,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput, isId } from '@groundwork/shared';
import { INPUT_LIMITS } from '../limits.js';

const MULTILINE = 'multilineText';

/**
 * Marks a long-text input field (a description, a note) where line breaks and
 * tabs are content; everywhere else they are refused with the other control characters.
 */
export const MultilineText = () => Extensions({ [MULTILINE]: true });

// Unicode's control characters (C0, DEL, C1): nothing a person types, and NUL is not storable in PostgreSQL text.
const CONTROL = /\p{Cc}/u;
// The same, less the line break, carriage return and tab a multi-line text may hold.
const CONTROL_IN_MULTILINE = /(?![\n\r\t])\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** At most a few bad values are quoted back, each cut short: a hostile input is not echoed in full. */
function quote(values: readonly unknown[]): string {
  const shown = values.slice(0, 3).map((v) => {
    const s = JSON.stringify(typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…` : v);
    return s ?? String(v);
  });
  return values.length > 3 ? `${shown.join(', ')} and ${values.length - 3} more` : shown.join(', ');
}

function checkString(value: string, path: string, multiline: boolean): void {
  if (value.length > INPUT_LIMITS.maxStringLength) {
    throw badInput(path, `must be at most ${INPUT_LIMITS.maxStringLength} characters`);
  }
  if ((multiline ? CONTROL_IN_MULTILINE : CONTROL).test(value)) {
    throw badInput(
      path,
      multiline
        ? 'must not contain NUL or control characters (line breaks and tabs are fine)'
        : 'must not contain NUL, line breaks or other control characters',
    );
  }
  // A lone UTF-16 surrogate cannot be stored as UTF-8.
  if (LONE_SURROGATE.test(value)) throw badInput(path, 'must be well-formed Unicode text');
}

/**
 * Checks one coerced input value against its type, recursing into lists and
 * input objects; `path` is the argument name with the field path inside it
 * ("input.location.lat", "filter.crewIds").
 */
export function checkInputValue(type: GraphQLInputType, value: unknown, path: string, multiline = false): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.length > INPUT_LIMITS.maxListLength) {
      throw badInput(path, `at most ${INPUT_LIMITS.maxListLength} items`);
    }
    const itemType = getNullableType(nullable.ofType);
    if (itemType === GraphQLID) {
      // One message for the whole list, as a person reads it ("not valid ids: …").
      const bad = items.filter((item) => item !== null && !isId(item));
      if (bad.length) throw badInput(path, `not valid ids: ${quote(bad)}`);
      return;
    }
    items.forEach((item, i) => checkInputValue(nullable.ofType, item, `${path}.${i}`, multiline));
    return;
  }
  if (nullable === GraphQLID) {
    if (!isId(value)) throw badInput(path, 'not a valid id');
    return;
  }
  if (nullable === GraphQLString) {
    checkString(value as string, path, multiline);
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields: Record<string, GraphQLInputField> = nullable.getFields();
    for (const field of Object.values(fields)) {
      checkInputValue(
        field.type,
        (value as Record<string, unknown>)[field.name],
        `${path}.${field.name}`,
        isMultiline(field),
      );
    }
  }
  // Enums, Int, Float, Boolean and the custom scalars are checked by their coercion.
}

function isMultiline(field: GraphQLInputField | GraphQLArgument): boolean {
  return field.extensions?.[MULTILINE] === true;
}

function checkArguments(args: readonly GraphQLArgument[], values: Record<string, unknown>): void {
  for (const arg of args) checkInputValue(arg.type, values[arg.name], arg.name, isMultiline(arg));
}

/**
 * The one check every client input passes before a resolver runs: each id is
 * a UUID, each string is free of NUL and control characters and of bounded
 * length, each list is bounded — or BAD_USER_INPUT naming the argument path.
 * Applied to every field with arguments (nested ones too) and to the
 * subscriptions' `subscribe`, so no resolver can forget it and no malformed
 * value reaches the database.
 */
export function checkInputsInFields(schema: GraphQLSchema): GraphQLSchema {
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const args = field.args;
      if (type === subscription) {
        // An event's execution re-runs `resolve` with the same, already checked arguments.
        const subscribe = field.subscribe;
        if (!subscribe) continue;
        field.subscribe = (source, values, context, info) => {
          checkArguments(args, values);
          return subscribe(source, values, context, info);
        };
        continue;
      }
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      // The built schema's field objects are what execution reads: wrapping in place keeps the schema as built.
      field.resolve = (source, values, context, info) => {
        checkArguments(args, values);
        return resolve(source, values, context, info);
      };
    }
  }
  return schema;
}
