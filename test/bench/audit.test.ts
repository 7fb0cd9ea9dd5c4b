// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeAuditFile } from '../../bench/audit';
import { _loadText } from '../../src/policy/integrations/_manifest-loader';
import { _decodeYaml } from '../../src/policy/integrations/_yaml-decode';

describe('bench/audit.ts', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-audit-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes the tenants plus 4 planted privileged pods, all read on the loader\'s fast path', () => {
    const { file, objects } = writeAuditFile(3, tmp);
    const text = fs.readFileSync(file, 'utf8');
    const loaded = _loadText(text, 'f.yaml');
    expect(loaded.problems).toEqual([]);
    expect(loaded.targets).toHaveLength(objects);
    expect(objects).toBe(3 * 10 + 4);
    expect(loaded.targets.filter(t => t.object.spec?.containers?.[0]?.securityContext?.privileged === true)).toHaveLength(4);
    expect(_decodeYaml(text).fast).toBe(true);
  });
});
