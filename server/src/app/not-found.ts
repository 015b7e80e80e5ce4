import { DomainError } from '@groundwork/shared';

/** NOT_FOUND that names the input field the unknown id came from. */
export function notFoundField(entity: string, id: string, field: string): DomainError {
  return new DomainError('NOT_FOUND', `${field}: ${entity} ${id} not found`, { field, entity, id });
}
