export { buildFiles, plan, readBuildFacts, defaultLanguages, type Plan, type PlannedPackage } from './generate.js';
export { readWorktree, treeFromFiles, type SourceTree } from './tree.js';
export type { BuildFacts } from './facts.js';
