import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Failed sign-ins counted by rate-limiter-flexible's PostgreSQL store
 * (`login-limit.service.ts`), shared by every instance on the database. The
 * columns are the ones that store reads and writes; declared as an entity so
 * migrations create the table (the library's own `create table` is never run).
 */
@Entity({ tableName: 'login_failures' })
export class LoginFailure {
  /** `<limiter>:<email or address>`; text because an email may be 254 characters before its prefix. */
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points!: number;

  /** Epoch milliseconds when the count resets; expired rows are deleted. */
  @Index({ name: 'login_failures_expire_idx' })
  @Property({ type: 'bigint', nullable: true })
  expire!: string | null;
}
