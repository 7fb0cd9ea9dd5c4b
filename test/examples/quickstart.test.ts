// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { buildApp } from '../../examples/quickstart/main';
import { validateManifests } from '../util';

describe('examples/quickstart', () => {
  test('the README shows exactly this example (after its two commands)', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'quickstart', 'main.ts'), 'utf8');
    const body = source.split('// README:begin\n')[1].split('  // README:end')[0]
      .split('\n').map(l => l.replace(/^ {2}/, '')).join('\n').trimEnd();
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(body);
  });

  test('synthesizes schema-valid objects and passes every pack (synth would throw otherwise)', () => {
    const app = buildApp(fs.mkdtempSync(path.join(os.tmpdir(), 'quickstart-')));
    app.synth();
    const chart = app.node.children.find(c => c instanceof Chart) as Chart;
    const objects = chart.toJson();
    validateManifests(objects);
    expect(objects.map((o: any) => o.kind).sort()).toEqual(['Deployment', 'LimitRange', 'Namespace', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy',
      'PodDisruptionBudget', 'ResourceQuota', 'ServiceAccount']);
  });
});
