import { Migration } from '@mikro-orm/migrations';

export class Migration20261122133213_postgis extends Migration {
  override name = 'Migration20261122133213_postgis';

  override up(): void | Promise<void> {
    this.addSql(`create extension if not exists postgis`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop extension if exists postgis`);
  }
}
