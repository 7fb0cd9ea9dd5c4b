// SPDX-License-Identifier: Apache-2.0
import { _jsonChunks } from '../../../src/policy/integrations/_json-chunks';

describe('_jsonChunks', () => {
  const doc = {
    summary: { error: 2, warning: 0, nothing: undefined, fn: () => 1 },
    findings: [
      { file: null, line: 3, message: 'line one\nline "two"', packs: ['A', 'B'], nested: { empty: {}, list: [] } },
      { file: 'a.yaml', line: null, message: '', packs: [], nested: { deep: [[1, [2, { x: undefined }]]] } },
    ],
    emptyList: [],
    emptyObject: {},
    sparse: [1, undefined, null],
    date: new Date(0),
    unicode: 'é\u2028',
  };

  test.each([0, 1, 2, 3, 4, 8])('at depth %i joins to exactly JSON.stringify(value, undefined, 2)', depth => {
    expect([..._jsonChunks(doc, depth)].join('')).toBe(JSON.stringify(doc, undefined, 2));
  });

  test('writes scalars, empty containers and null like JSON.stringify', () => {
    for (const v of [null, 0, -1.5, true, 'x', [], {}, [[]], [{}]]) expect([..._jsonChunks(v, 3)].join('')).toBe(JSON.stringify(v, undefined, 2));
  });

  test('streams a large array member by member (no chunk holds the whole text)', () => {
    const big = { findings: Array.from({ length: 10_000 }, (_, i) => ({ i, message: `m${i}` })) };
    const chunks = [..._jsonChunks(big, 2)];
    expect(chunks.join('')).toBe(JSON.stringify(big, undefined, 2));
    expect(Math.max(...chunks.map(c => c.length))).toBeLessThan(100);
  });
});
