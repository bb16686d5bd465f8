import { bazelBuildOrTestTool } from './bazel/build-or-test.js';

export const bazelBuildTool = bazelBuildOrTestTool('build');
