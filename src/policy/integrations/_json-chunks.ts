// SPDX-License-Identifier: Apache-2.0
/**
 * Yields the text of `JSON.stringify(value, undefined, 2)` in pieces: objects and arrays down to `depth` levels are
 * written member by member, deeper values whole. Lets the CLI write a report of hundreds of thousands of findings
 * without holding one string of its full size. @internal
 */
export function* _jsonChunks(value: any, depth: number, pad: string = ''): Generator<string> {
  const isArray = Array.isArray(value);
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof value.toJSON === 'function') {
    yield (JSON.stringify(value, undefined, 2) ?? 'null').replace(/\n/g, `\n${pad}`);
    return;
  }
  const entries: Array<[string | undefined, any]> = isArray
    ? value.map((v: any) => [undefined, v === undefined || typeof v === 'function' ? null : v])
    : Object.keys(value).filter(k => value[k] !== undefined && typeof value[k] !== 'function').map(k => [k, value[k]]);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    yield `${open}${close}`;
    return;
  }
  yield `${open}\n`;
  const inner = `${pad}  `;
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i];
    yield key === undefined ? inner : `${inner}${JSON.stringify(key)}: `;
    yield* _jsonChunks(v, depth - 1, inner);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${pad}${close}`;
}
