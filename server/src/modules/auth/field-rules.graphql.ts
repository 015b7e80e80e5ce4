import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { FIELD_READERS, canReadField, forbidden } from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { requireViewer } from './auth.service.js';

/**
 * Applies the policy's field rules (shared FIELD_READERS) to the schema: each
 * listed field answers FORBIDDEN to a role that may not read it, whatever
 * record it hangs under. One table instead of a decorator per field; a rule
 * naming a field the schema lacks fails the start, so a rename cannot
 * silently drop it.
 */
export function applyFieldRules(schema: GraphQLSchema): GraphQLSchema {
  for (const coordinate of Object.keys(FIELD_READERS)) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`Field rule for ${coordinate}: the schema has no such field`);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: RequestContext, info) => {
      const viewer = requireViewer(context);
      if (!canReadField(viewer.role, coordinate)) throw forbidden(`Your role cannot read ${coordinate}`);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
