// The inventory of a throwaway repository holding `files`, for the inventory's tests.
import { buildInventory, type Inventory } from '../../src/migration/index.js';
import { testRepo } from '../helpers/repo.js';

export function inventoryOf(files: Record<string, string>, notBuilt?: string[]): Promise<Inventory> {
  return buildInventory({ repoPath: testRepo(files).path, baseCommit: 'HEAD', notBuilt });
}

/** Each test found: its path, how it was found and what runs it. */
export async function testsOf(files: Record<string, string>): Promise<(string | null)[][]> {
  return (await inventoryOf(files)).tests.map((t) => [t.path, t.foundBy, t.runBy]);
}
