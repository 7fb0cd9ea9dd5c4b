// SPDX-License-Identifier: Apache-2.0
import { _selectorMatches } from '../../../src/policy/rules/_objects';

describe('_selectorMatches', () => {
  test('label keys named like Object.prototype members are ordinary keys', () => {
    expect(_selectorMatches({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, {})).toBe(false);
    expect(_selectorMatches({ matchExpressions: [{ key: 'toString', operator: 'DoesNotExist' }] }, {})).toBe(true);
    expect(_selectorMatches({ matchExpressions: [{ key: 'valueOf', operator: 'NotIn', values: ['x'] }] }, {})).toBe(true);
    expect(_selectorMatches(JSON.parse('{"matchLabels": {"constructor": "x"}}'), {})).toBe(false);
    expect(_selectorMatches(JSON.parse('{"matchLabels": {"__proto__": "x"}}'), JSON.parse('{"__proto__": "x"}'))).toBe(true);
    expect(_selectorMatches(JSON.parse('{"matchLabels": {"__proto__": "x"}}'), {})).toBe(false);
  });
});
