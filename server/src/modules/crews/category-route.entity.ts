import { Entity, Enum, ManyToOne } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { ISSUE_CATEGORIES, type IssueCategory } from '@groundwork/shared';
import { ServiceLine } from './service-line.entity.js';

/** The configurable routing table: which service line handles an Issue category. */
@Entity({ tableName: 'category_routes' })
export class CategoryRoute {
  @Enum({ items: () => [...ISSUE_CATEGORIES], type: 'string', primary: true })
  category!: IssueCategory;

  @ManyToOne(() => ServiceLine, { deleteRule: 'cascade' })
  serviceLine!: Rel<ServiceLine>;
}
