// SPDX-License-Identifier: Apache-2.0
/**
 * `cdk8s-hardened graph [paths...]`: the network reachability of a set of manifests, as a table, a Mermaid
 * flowchart or JSON. Not part of the jsii API.
 */
import type { CliIo } from './main';
import { _escapeControls } from '../core/_util';
import { ClusterStub, ClusterStubs } from '../network/reachability/cluster-stubs';
import { ExternalEndpoint, Reachability } from '../network/reachability/reachability';
import { _DEFAULT_MAX_BYTES, _loadInputs, _parseSize } from '../policy/integrations/_manifest-loader';

/** Usage text of `graph`. @internal */
export const GRAPH_USAGE = `Usage: cdk8s-hardened graph [options] <path>...

Shows which workloads may talk to which, on which ports, as the NetworkPolicies in the
manifests allow it. Paths are YAML or JSON files, or directories searched for *.yaml, *.yml, *.json;
"-" reads standard input. Manifests are read exactly as by "audit" (see docs/rule-engine.md).

Options:
  --format table|mermaid|json   Output format (default: table)
  --max-file-size <size>        Largest accepted input, in bytes or with K/M/G suffix (default: 64M)
  --external NAME=CIDR          Declare an address outside the cluster (repeatable), e.g. ldap=203.0.113.10
  --default-namespace NAME      Namespace of objects without one (default: default)
  --stub NAME                   Add a stand-in pod the cluster runs (repeatable): coredns, ingress-nginx,
                                prometheus or prometheus=NAMESPACE, labelled as upstream labels them
  --namespace NAME              Show only flows with an end in this namespace (repeatable)
  -h, --help                    Show this message

Exit codes: 0 ok, 2 bad arguments or input.
`;

/** Runs `graph` with the arguments after the command name and returns the exit code. @internal */
export async function runGraph(args: string[], io: CliIo): Promise<number> {
  let format = 'table';
  let maxBytes = _DEFAULT_MAX_BYTES;
  let defaultNamespace: string | undefined;
  const externals: ExternalEndpoint[] = [];
  const stubs: ClusterStub[] = [];
  const namespaces: string[] = [];
  const paths: string[] = [];
  const usageError = (msg: string) => {
    io.stderr(`cdk8s-hardened graph: ${msg}\n\n${GRAPH_USAGE}`);
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (flag === '-h' || flag === '--help') {
      io.stdout(GRAPH_USAGE);
      return 0;
    } else if (flag === '--format') {
      const v = value();
      if (v !== 'table' && v !== 'mermaid' && v !== 'json') return usageError(`--format must be table, mermaid or json, got "${v ?? ''}".`);
      format = v;
    } else if (flag === '--external') {
      const v = value() ?? '';
      const at = v.indexOf('=');
      if (at <= 0 || at === v.length - 1) return usageError(`--external takes NAME=CIDR, e.g. ldap=203.0.113.10/32, got "${v}".`);
      externals.push({ name: v.slice(0, at), cidr: v.slice(at + 1) });
    } else if (flag === '--stub') {
      try {
        stubs.push(ClusterStubs.byName(value() ?? ''));
      } catch (e: any) {
        return usageError(e.message);
      }
    } else if (flag === '--namespace') {
      const v = value();
      if (!v) return usageError('--namespace needs a namespace name.');
      namespaces.push(v);
    } else if (flag === '--max-file-size') {
      const v = value() ?? '';
      const size = _parseSize(v);
      if (size === undefined) return usageError(`--max-file-size "${v}" must be a positive number of bytes, optionally with a K, M or G suffix.`);
      maxBytes = size;
    } else if (flag === '--default-namespace') {
      defaultNamespace = value();
      if (!defaultNamespace) return usageError('--default-namespace needs a namespace name.');
    } else if (a.startsWith('-') && a !== '-') {
      return usageError(`unknown option "${a}".`);
    } else {
      paths.push(a);
    }
  }
  if (paths.length === 0) return usageError('no input: give one or more manifest files or directories.');
  if (paths.filter(p => p === '-').length > 1) return usageError('"-" (standard input) can be given only once.');
  const loaded = await _loadInputs(paths, {
    cwd: io.cwd?.() ?? process.cwd(),
    maxBytes,
    readStdin: io.readStdin,
    onWait: m => io.stderr(`cdk8s-hardened graph: note: ${m}\n`),
  });
  for (const n of loaded.notes) io.stderr(`cdk8s-hardened graph: note: ${_escapeControls(`${n.line ? `${n.file}:${n.line}` : n.file}: ${n.message}`)}\n`);
  if (loaded.problems.length > 0) {
    // A graph without the objects of an unreadable input could show flows the cluster denies, or hide some.
    for (const p of loaded.problems) io.stderr(`cdk8s-hardened graph: error: ${_escapeControls(`${p.line ? `${p.file}:${p.line}` : p.file}: ${p.message}`)}\n`);
    io.stderr(`cdk8s-hardened graph: ${loaded.problems.length} input problem(s): no graph drawn (exit 2)\n`);
    return 2;
  }
  let reach: Reachability;
  try {
    reach = Reachability.fromObjects(loaded.targets.map(t => t.object), {
      externals, defaultNamespace, stubs, ...(namespaces.length ? { namespaces } : {}),
    });
  } catch (e: any) {
    io.stderr(`cdk8s-hardened graph: ${e?.message ?? e}\n`);
    return 2;
  }
  if (format === 'json') io.stdout(`${JSON.stringify(reach.toJson(), undefined, 2)}\n`);
  else if (format === 'mermaid') io.stdout(reach.toMermaid());
  else io.stdout(reach.toTable());
  return 0;
}
