import { Migration } from '@mikro-orm/migrations';

export class Migration20261206235701_enhancement_decline_reason extends Migration {

  override name = 'Migration20261206235701_enhancement_decline_reason';

  override up(): void | Promise<void> {
    this.addSql(`alter table "enhancements" add "decline_reason" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "enhancements" drop column "decline_reason";`);
  }

}
