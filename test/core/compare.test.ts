// SPDX-License-Identifier: Apache-2.0
import { _compareCodePoints } from '../../src/core/_compare';

describe('_compareCodePoints', () => {
  test('orders by code point, not by locale (upper case before lower case, accents after ASCII)', () => {
    const words = ['b', 'a', 'B', 'é', 'e', 'A', 'Z'];
    expect([...words].sort(_compareCodePoints)).toEqual(['A', 'B', 'Z', 'a', 'b', 'e', 'é']);
  });
  test('a character outside the BMP sorts after U+E000..U+FFFF (code point order, unlike UTF-16 `<`)', () => {
    const astral = '\u{1F600}';
    const privateUse = '\uFF21';
    expect(_compareCodePoints(astral, privateUse)).toBeGreaterThan(0);
    expect(_compareCodePoints(privateUse, astral)).toBeLessThan(0);
    expect(_compareCodePoints('a', astral)).toBeLessThan(0);
  });
  test('a prefix sorts first and equal strings compare as 0', () => {
    expect(_compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(_compareCodePoints('abc', 'abc')).toBe(0);
  });
});
