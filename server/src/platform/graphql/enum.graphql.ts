import { registerEnumType } from 'type-graphql';

/**
 * type-graphql registers enums from objects; the domain keeps them as string
 * tuples in `@groundwork/shared`, so this turns one into the other once.
 */
export function graphqlEnum<const T extends readonly string[]>(
  values: T,
  name: string,
  description?: string,
): { [K in T[number]]: K } {
  const object = Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
  registerEnumType(object, { name, description });
  return object;
}
