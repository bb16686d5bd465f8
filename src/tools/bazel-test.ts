import { bazelBuildOrTestTool } from './bazel/build-or-test.js';

export const bazelTestTool = bazelBuildOrTestTool('test');
