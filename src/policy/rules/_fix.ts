// SPDX-License-Identifier: Apache-2.0
/**
 * Internal helpers of the rules' automatic fixes (`IRule.fix`). A fix sets a field only where it is absent
 * (undefined or JSON null): an explicit value is the author's choice and stays a finding, so every fix is
 * idempotent and never weakens what is there.
 */
import { RuleContext, RuleFixChange, RuleFixOptions } from '../engine/rule';

/** The largest valid user id. */
const MAX_ID = 2147483647;

/** The context a fix checks with: the objects given in the options, or the object alone. @internal */
export function _fixContext(obj: any, options: RuleFixOptions): RuleContext {
  return { objects: Array.isArray(options?.objects) ? options.objects : [obj] };
}

/** True when a value is a plain object. */
function isObject(v: any): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The object at `parent[key]`, created when absent or null; undefined when it holds something else
 * (a malformed manifest is left alone for the rule to report). @internal
 */
export function _child(parent: any, key: string): any | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    parent[key] = {};
    return parent[key];
  }
  return isObject(v) ? v : undefined;
}

/**
 * Sets `parent[key]` to `value` when it is absent (undefined or null) and records the change at `path`.
 * Returns whether it was set. @internal
 */
export function _setIfAbsent(parent: any, key: string, value: any, path: string, out: RuleFixChange[]): boolean {
  if (parent[key] !== undefined && parent[key] !== null) return false;
  parent[key] = value;
  out.push({ path, description: `set ${key}: ${JSON.stringify(value)}` });
  return true;
}

/**
 * The UID given for containers that explicitly run as root (`RuleFixOptions.runAsUser`), validated.
 * @throws when it is not an integer from 1 to 2147483647
 * @internal
 */
export function _fixRunAsUser(options: RuleFixOptions): number | undefined {
  const uid = options?.runAsUser;
  if (uid === undefined) return undefined;
  if (!Number.isInteger(uid) || uid < 1 || uid > MAX_ID) {
    throw new Error(`Invalid runAsUser ${JSON.stringify(uid)} for the fixes: it must be an integer from 1 to ${MAX_ID} (0 is root). `
      + 'Give the non-root UID the image works with, e.g. 10001.');
  }
  return uid;
}
