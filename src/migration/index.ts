// The migration check: the inventory of the un-migrated base commit and the judgement of a
// candidate tree against it (see report.ts for the shapes everything else reads).
export * from './report.js';
export { buildInventory, type BuildInventoryOptions } from './inventory/build-inventory.js';
export { runMigrationCheck, type MigrationCheckOptions } from './check/run-check.js';
export { inScope } from './check/judge.js';
export { reportForModel, reportLine } from './format.js';
export { MIGRATION_CHECK, parseMigrationCheck } from './command.js';
