// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the project configuration file `.cdk8s-hardened.yaml`, the one reader used by the `audit` CLI,
 * the cdk8s-cli validation plugin (`SecurityValidation`) and `SecurityChecks.applyConfig()`.
 *
 * ```yaml
 * packs: [PodSecurityRestricted, HardenedWorkloads, TrustedRegistries]   # default: every registered pack
 * rules:                                                                  # per-rule severity, or off
 *   HARDEN-WL-003: warning
 *   HARDEN-NET-006: off
 * trustedRegistries: [ghcr.io/acme/]                                      # configures the TrustedRegistries pack
 * exemptions:                                                             # reported as suppressed, never hidden
 *   - namespaces: [ingress-nginx]
 *     rules: [HARDEN-PSS-005]
 *     reason: the ingress controller binds host ports by design (platform team ticket OPS-12)
 * exclude: ["vendor/**", "**\/crds/*.yaml"]                               # audit: paths not read
 * ```
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { _engineRules } from '../engine/_engine-rules';
import { _parseSeverity } from '../engine/_severity';
import { _MIN_REASON_LENGTH } from '../engine/_suppression-annotation';
import { Finding, Report } from '../engine/report';
import { IRulePack, RulePackEntry, Severity } from '../engine/rule';
import { RulePacks } from '../packs/rule-packs';
import { TrustedRegistriesPack } from '../packs/trusted-registries-pack';

/** The file name searched for, upward from the working directory. @internal */
export const _CONFIG_FILE_NAME = '.cdk8s-hardened.yaml';

/** An exemption: objects matched by namespace, kind and/or name whose findings are reported as suppressed. @internal */
export interface _Exemption {
  readonly namespaces?: string[];
  readonly kinds?: string[];
  readonly names?: string[];
  /** Rule ids exempted; undefined = every rule. */
  readonly rules?: string[];
  readonly reason: string;
}

/** A parsed, validated configuration. @internal */
export interface _HardenedConfig {
  /** Display name of the file it was read from; undefined for the built-in default. */
  readonly file?: string;
  readonly packs?: string[];
  /** Rule id -> severity, or 'off'. */
  readonly rules: { readonly [id: string]: Severity | 'off' };
  readonly trustedRegistries?: string[];
  readonly exemptions: _Exemption[];
  readonly exclude: string[];
}

/** The configuration used when there is no file: every pack, no overrides. @internal */
export const _DEFAULT_CONFIG: _HardenedConfig = { rules: {}, exemptions: [], exclude: [] };

const TOP_KEYS = ['packs', 'rules', 'trustedRegistries', 'exemptions', 'exclude'];
const EXEMPTION_KEYS = ['namespaces', 'kinds', 'names', 'rules', 'reason'];

/** The nearest `.cdk8s-hardened.yaml` in `dir` or one of its parents, or undefined. @internal */
export function _findConfigFile(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, _CONFIG_FILE_NAME);
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Loads the configuration: `explicitFile` when given (it must exist), else the nearest `.cdk8s-hardened.yaml`
 * upward from `cwd`, else the default. Throws an Error naming the file, line, property and fix on bad content.
 * @param catalog the packs the file can name (default: the built-in packs)
 * @internal
 */
export function _loadConfig(cwd: string, explicitFile?: string, catalog: IRulePack[] = RulePacks.all()): _HardenedConfig {
  const file = explicitFile !== undefined ? path.resolve(cwd, explicitFile) : _findConfigFile(cwd);
  if (file === undefined) return _DEFAULT_CONFIG;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${display(file, cwd)}: cannot read the configuration file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)}).`);
  }
  return _parseConfig(text, display(file, cwd), catalog);
}

/** Parses and validates configuration text. `file` names it in messages; `catalog` is the packs it can name. @internal */
export function _parseConfig(text: string, file: string, catalog: IRulePack[] = RulePacks.all()): _HardenedConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new Error(`${file}:${lc.linePos(e.pos[0]).line}: malformed YAML: ${e.message.split('\n')[0]}`);
  }
  const at = (keys: (string | number)[]): string => {
    const line = lineOf(doc, lc, keys);
    return line ? `${file}:${line}` : file;
  };
  const fail = (keys: (string | number)[], message: string): never => {
    throw new Error(`${at(keys)}: ${keys.length ? `"${keys.join('.')}" ` : ''}${message}`);
  };
  const raw = doc.toJS();
  if (raw === null || raw === undefined) return { ..._DEFAULT_CONFIG, file };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail([], 'must be a YAML mapping with the keys ' + TOP_KEYS.join(', '));
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) fail([key], `is not a known property. Known properties: ${TOP_KEYS.join(', ')}.${suggest(key, TOP_KEYS)}`);
  }
  const strings = (keys: (string | number)[], v: any): string[] => {
    if (!Array.isArray(v) || v.some(x => typeof x !== 'string' || x.length === 0)) fail(keys, `must be a list of non-empty strings, got ${JSON.stringify(v)}.`);
    return v;
  };

  const knownPacks = catalog.map(p => p.name).sort();
  let packs: string[] | undefined;
  if (raw.packs !== undefined) {
    packs = strings(['packs'], raw.packs);
    packs.forEach((p, i) => {
      if (!knownPacks.includes(p)) fail(['packs', i], `names an unknown pack "${p}". Available: ${knownPacks.join(', ')}.${suggest(p, knownPacks)}`);
    });
  }

  const knownRules = [...new Set(catalog.flatMap(p => p.entries.map(e => e.rule.metadata.id)))].sort();
  const engineIds = _engineRules().map(r => r.metadata.id);
  const rules: { [id: string]: Severity | 'off' } = {};
  if (raw.rules !== undefined) {
    if (raw.rules === null || typeof raw.rules !== 'object' || Array.isArray(raw.rules)) {
      fail(['rules'], 'must be a mapping of rule id to error, warning, info or off, e.g. {HARDEN-WL-003: warning}.');
    }
    for (const [id, value] of Object.entries(raw.rules)) {
      if (engineIds.includes(id)) fail(['rules', id], 'is an engine check that always runs; it cannot be disabled or downgraded. Fix the suppression annotation instead.');
      if (!knownRules.includes(id)) fail(['rules', id], `is not a known rule id.${suggest(id, knownRules)} See RULES.md for the ids.`);
      const sev = typeof value === 'string' ? (value.toLowerCase() === 'off' ? 'off' : _parseSeverity(value)) : undefined;
      if (!sev) fail(['rules', id], `must be error, warning, info or off, got ${JSON.stringify(value)}.`);
      rules[id] = sev!;
    }
  }

  let trustedRegistries: string[] | undefined;
  if (raw.trustedRegistries !== undefined) {
    trustedRegistries = strings(['trustedRegistries'], raw.trustedRegistries);
    if (trustedRegistries.length === 0) fail(['trustedRegistries'], 'is empty: list at least one registry prefix such as "ghcr.io/acme/", or remove the property.');
    try {
      new TrustedRegistriesPack(trustedRegistries);
    } catch (e) {
      fail(['trustedRegistries'], (e as Error).message);
    }
    if (packs && !packs.includes(TRUSTED_REGISTRIES)) {
      fail(['trustedRegistries'], `is set but "packs" does not include ${TRUSTED_REGISTRIES}, so no image would be checked. Add ${TRUSTED_REGISTRIES} to "packs" or remove "trustedRegistries".`);
    }
  }

  const exemptions: _Exemption[] = [];
  if (raw.exemptions !== undefined) {
    if (!Array.isArray(raw.exemptions)) fail(['exemptions'], 'must be a list of {namespaces, kinds, names, rules, reason}.');
    raw.exemptions.forEach((x: any, i: number) => {
      const k = ['exemptions', i];
      if (x === null || typeof x !== 'object' || Array.isArray(x)) fail(k, 'must be a mapping with a reason and at least one of namespaces, kinds, names.');
      for (const key of Object.keys(x)) {
        if (!EXEMPTION_KEYS.includes(key)) fail([...k, key], `is not a known property of an exemption. Known: ${EXEMPTION_KEYS.join(', ')}.${suggest(key, EXEMPTION_KEYS)}`);
      }
      if (typeof x.reason !== 'string' || x.reason.trim().length < _MIN_REASON_LENGTH) {
        fail([...k, ...(x.reason === undefined ? [] : ['reason'])], `needs a reason of at least ${_MIN_REASON_LENGTH} characters that a reviewer can judge (why this exemption is safe), got ${JSON.stringify(x.reason)}.`);
      }
      const ex: { -readonly [K in keyof _Exemption]: _Exemption[K] } = { reason: x.reason.trim() };
      for (const key of ['namespaces', 'kinds', 'names', 'rules'] as const) {
        if (x[key] !== undefined) ex[key] = strings([...k, key], x[key]);
      }
      if (!ex.namespaces && !ex.kinds && !ex.names) {
        fail(k, 'matches every object: give namespaces, kinds and/or names (to turn a rule off everywhere, use "rules: {<id>: off}").');
      }
      (ex.rules ?? []).forEach((id, j) => {
        if (!knownRules.includes(id)) fail([...k, 'rules', j], `"${id}" is not a known rule id.${suggest(id, knownRules)}`);
      });
      exemptions.push(ex);
    });
  }

  const exclude = raw.exclude === undefined ? [] : strings(['exclude'], raw.exclude);
  return { file, packs, rules, trustedRegistries, exemptions, exclude };
}

const TRUSTED_REGISTRIES = TrustedRegistriesPack.NAME;

/**
 * The packs to check: `names` (e.g. from `--pack`) or the configured packs or every pack of the catalog, with the
 * configured trusted registries and per-rule severities applied. A rule set to `off` is left out of every pack.
 * @param catalog the packs that can be named (default: the built-in packs); names must be validated against it
 * @internal
 */
export function _configuredPacks(config: _HardenedConfig, names?: string[], catalog: IRulePack[] = RulePacks.all()): IRulePack[] {
  const chosen = names && names.length > 0 ? names : config.packs;
  const lookup = (n: string) => {
    const pack = catalog.find(p => p.name === n);
    if (!pack) throw new Error(`Unknown rule pack "${n}". Available: ${catalog.map(p => p.name).join(', ')}.`);
    return pack;
  };
  const base = chosen ? [...new Set(chosen)].map(lookup) : [...catalog];
  return base.map(pack => {
    const source = pack.name === TRUSTED_REGISTRIES && config.trustedRegistries ? new TrustedRegistriesPack(config.trustedRegistries) : pack;
    if (source === pack && !pack.entries.some(e => config.rules[e.rule.metadata.id] !== undefined)) return pack;
    const entries: RulePackEntry[] = [];
    for (const e of source.entries) {
      const override = config.rules[e.rule.metadata.id];
      if (override === 'off') continue;
      entries.push(override ? { rule: e.rule, severity: override } : e);
    }
    return { name: source.name, entries };
  });
}

/** The reason an exemption gives for a finding, or undefined. @internal */
export function _exemptionFor(config: _HardenedConfig, f: Finding): _Exemption | undefined {
  if (f.ruleId.startsWith('HARDEN-ENGINE-')) return undefined;
  return config.exemptions.find(x => (!x.namespaces || (f.namespace !== undefined && x.namespaces.includes(f.namespace)))
    && (!x.kinds || x.kinds.includes(f.kind))
    && (!x.names || (f.name !== undefined && x.names.includes(f.name)))
    && (!x.rules || x.rules.includes(f.ruleId)));
}

/**
 * The report with the configured exemptions applied: findings of exempted objects are marked suppressed with the
 * exemption's reason (prefixed with the config file), so they are listed like suppressions and never fail a check.
 * @internal
 */
export function _applyExemptions(report: Report, config: _HardenedConfig): Report {
  if (config.exemptions.length === 0) return report;
  let changed = false;
  const findings = report.findings.map(f => {
    if (f.suppressed) return f;
    const x = _exemptionFor(config, f);
    if (!x) return f;
    changed = true;
    return { ...f, suppressed: true, suppressionReason: `exempted by ${config.file ?? 'configuration'}: ${x.reason}` };
  });
  if (!changed) return report;
  return new Report({ findings, unmatchedSuppressions: report.unmatchedSuppressions, rules: report.rules, objectsChecked: report.objectsChecked });
}

/**
 * Whether a path (relative to the working directory, `/`-separated) matches one of the globs. A glob without `/`
 * matches any path segment (`crds` excludes every folder or file named so); a glob with `/` matches the whole
 * path or a leading part of it. `*` matches within a segment, `**` across segments, `?` one character.
 * @internal
 */
export function _isExcluded(relPath: string, globs: string[]): boolean {
  const segments = relPath.split('/').filter(s => s.length > 0 && s !== '.');
  for (const glob of globs) {
    const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    const re = globToRegExp(g);
    if (!g.includes('/')) {
      if (segments.some(s => re.test(s))) return true;
    } else {
      for (let i = 1; i <= segments.length; i++) if (re.test(segments.slice(0, i).join('/'))) return true;
    }
  }
  return false;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else {
        re += '.*';
      }
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

function lineOf(doc: ReturnType<typeof parseDocument>, lc: LineCounter, keys: (string | number)[]): number | undefined {
  let node: any = doc.contents;
  let offset: number | undefined = node?.range?.[0];
  for (const k of keys) {
    if (isMap(node)) {
      const pair: any = node.items.find((p: any) => (p.key?.value ?? p.key) === k);
      if (!pair) break;
      offset = pair.key?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number') {
      node = node.items[k];
      offset = (node as any)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lc.linePos(offset).line;
}

function suggest(value: string, candidates: string[]): string {
  const v = value.toLowerCase();
  const close = candidates.find(c => c.toLowerCase() === v)
    ?? candidates.find(c => distance(c.toLowerCase(), v) <= Math.max(1, Math.floor(c.length / 4)));
  return close ? ` Did you mean "${close}"?` : '';
}

function distance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}
