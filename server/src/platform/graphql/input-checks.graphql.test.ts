import { describe, expect, it } from 'vitest';
import {
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  graphql,
} from 'graphql';
import { INPUT_LIMITS } from '../limits.js';
import { createErrorFormatter } from './errors.graphql.js';
import { checkInputsInFields } from './input-checks.graphql.js';
import { createLogger } from '../logger.js';

const ID = '0b3f6a5e-8d4c-4c1e-9a57-2f7d8e1c4b90';
const Note = new GraphQLInputObjectType({
  name: 'NoteInput',
  fields: {
    title: { type: new GraphQLNonNull(GraphQLString) },
    // What @MultilineText() puts on a field.
    body: { type: GraphQLString, extensions: { multilineText: true } },
    tagIds: { type: new GraphQLList(new GraphQLNonNull(GraphQLID)) },
  },
});
let resolved = 0;
const schema = checkInputsInFields(
  new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: GraphQLString,
          args: { id: { type: GraphQLID }, note: { type: Note } },
          resolve: () => {
            resolved++;
            return 'ok';
          },
        },
      },
    }),
  }),
);
const format = createErrorFormatter(createLogger('silent'), false);

async function run(variables: Record<string, unknown>) {
  const before = resolved;
  const result = await graphql({
    schema,
    source: 'query($id: ID, $note: NoteInput) { echo(id: $id, note: $note) }',
    variableValues: variables,
  });
  const error = result.errors?.[0];
  return {
    reachedResolver: resolved > before,
    error: error ? format(error.toJSON(), error) : undefined,
  };
}

describe('checkInputsInFields', () => {
  it('lets valid input through to the resolver', async () => {
    expect(
      await run({
        id: ID.toUpperCase(),
        note: { title: 'Fence', body: 'Line one\nline two\ttabbed\r\n', tagIds: [ID] },
      }),
    ).toEqual({
      reachedResolver: true,
      error: undefined,
    });
  });

  it.each([
    [{ id: 'does-not-exist' }, 'id: not a valid id'],
    [
      { note: { title: 'x', tagIds: [ID, 'a', 'b', 'c', 'x'.repeat(100)] } },
      `note.tagIds: not valid ids: "a", "b", "c" and 1 more`,
    ],
    [{ note: { title: 'a\u0000b' } }, 'note.title: must not contain NUL, line breaks or other control characters'],
    [{ note: { title: 'two\nlines' } }, 'note.title: must not contain NUL, line breaks or other control characters'],
    [
      { note: { title: 'ok', body: 'bell\u0007' } },
      'note.body: must not contain NUL or control characters (line breaks and tabs are fine)',
    ],
    [
      { note: { title: 'ok', body: 'c1\u0085' } },
      'note.body: must not contain NUL or control characters (line breaks and tabs are fine)',
    ],
    [{ note: { title: 'half \ud83d' } }, 'note.title: must be well-formed Unicode text'],
    [
      { note: { title: 'x'.repeat(INPUT_LIMITS.maxStringLength + 1) } },
      `note.title: must be at most ${INPUT_LIMITS.maxStringLength} characters`,
    ],
    [
      { note: { title: 'x', tagIds: Array.from({ length: INPUT_LIMITS.maxListLength + 1 }, () => ID) } },
      `note.tagIds: at most ${INPUT_LIMITS.maxListLength} items`,
    ],
  ])('refuses %j before the resolver, naming the field', async (variables, message) => {
    const { reachedResolver, error } = await run(variables);
    expect(reachedResolver).toBe(false);
    expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: message.split(':')[0] } });
  });

  it('accepts an emoji (a surrogate pair) and exactly the limits', async () => {
    const result = await run({
      note: {
        title: `🌳${'x'.repeat(INPUT_LIMITS.maxStringLength - 2)}`,
        tagIds: Array.from({ length: INPUT_LIMITS.maxListLength }, () => ID),
      },
    });
    expect(result).toEqual({ reachedResolver: true, error: undefined });
  });
});
