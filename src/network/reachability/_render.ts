// SPDX-License-Identifier: Apache-2.0
/** Internal: text, Mermaid and JSON renderings of the reachability flows. */
import { FlowRow } from './_analysis';
import { _Model } from './_model';
import { _maxOf } from '../../core/_util';

/** What the renderings say of the objects the model leaves out. @internal */
export const _NOT_MODELLED_NOTE = 'Not drawn: their controller creates and labels their pods at run time, so which NetworkPolicies '
  + 'select those pods cannot be read from the manifests';

/** Aligned FROM / TO / PORTS table plus legend, and the objects that were not drawn. @internal */
export function _renderTable(rows: FlowRow[], legend: string, notModelled: ReadonlyArray<string>): string {
  const cells = [['FROM', 'TO', 'PORTS'], ...rows.map(r => [r.from, r.to, r.ports.toString()])];
  const w0 = _maxOf(cells.map(c => c[0].length));
  const w1 = _maxOf(cells.map(c => c[1].length));
  const lines = cells.map(c => `${c[0].padEnd(w0)}  ${c[1].padEnd(w1)}  ${c[2]}`.trimEnd());
  if (rows.length === 0) lines.push('(no allowed flows)');
  const note = notModelled.length > 0 ? `\n${_NOT_MODELLED_NOTE}: ${notModelled.join(', ')}.\n` : '';
  return `${lines.join('\n')}\n\n${legend}\n${note}`;
}

function esc(s: string): string {
  return s.replace(/"/g, '#quot;');
}

/** Mermaid flowchart: a subgraph per namespace, externals as their own nodes, `*` as one node. @internal */
export function _renderMermaid(model: _Model, rows: FlowRow[], notModelled: ReadonlyArray<string>): string {
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  const byNs = new Map<string, string[]>();
  model.endpoints.forEach((e, i) => {
    ids.set(e.id, e.range ? `x${i}` : `w${i}`);
    if (e.namespace !== undefined) byNs.set(e.namespace, [...(byNs.get(e.namespace) ?? []), e.id]);
  });
  let n = 0;
  for (const [ns, members] of [...byNs].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    lines.push(`  subgraph ns${n++}["namespace ${esc(ns)}"]`);
    for (const id of members) {
      const e = model.get(id)!;
      lines.push(`    ${ids.get(id)}["${esc(e.name)}"]`);
    }
    lines.push('  end');
  }
  for (const e of model.endpoints.filter(x => x.range)) lines.push(`  ${ids.get(e.id)}[/"${esc(e.name)} ${esc(e.range!.text)}"/]`);
  if (rows.some(r => r.from === '*' || r.to === '*')) {
    ids.set('*', 'any');
    lines.push('  any(("* (anyone whose own side admits it)"))');
  }
  for (const r of rows) lines.push(`  ${ids.get(r.from)} -->|"${esc(r.ports.toString())}"| ${ids.get(r.to)}`);
  if (notModelled.length > 0) lines.push(`  %% ${_NOT_MODELLED_NOTE}: ${notModelled.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** JSON-ready object. @internal */
export function _renderJson(model: _Model, flows: any[], legend: string, notModelled: ReadonlyArray<string>): any {
  return {
    workloads: model.endpoints.filter(e => !e.range).map(e => ({ id: e.id, namespace: e.namespace, name: e.name, kind: e.kind })),
    externals: model.endpoints.filter(e => e.range).map(e => ({ name: e.name, cidr: e.range!.text })),
    flows,
    notModelled: [...notModelled],
    legend,
  };
}
