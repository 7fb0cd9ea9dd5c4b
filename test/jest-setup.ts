// SPDX-License-Identifier: Apache-2.0
/**
 * Jest setup (setupFilesAfterEnv): every temporary folder a test file creates with fs.mkdtempSync (cdk8s's
 * Testing.app() makes one `cdk8s.outdir.*` per call) is removed when that test file ends, so a full run
 * leaves nothing behind in the system temp directory. Test files run one after another in a worker, so
 * the wrapper only ever sees the folders of the current file.
 */
// The module object itself (an `import * as` namespace has read-only getters).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fs = require('fs');

const created: string[] = [];
const original = fs.mkdtempSync;

// Wrapped as the setup file loads, before the test file's own top-level code runs.
(fs as any).mkdtempSync = (...args: any[]) => {
  const dir = (original as any).apply(fs, args);
  created.push(String(dir));
  return dir;
};

afterAll(() => {
  (fs as any).mkdtempSync = original;
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
