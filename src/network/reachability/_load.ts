// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: reads Kubernetes manifests from YAML/JSON files and directories (recursively, `.yaml`, `.yml`,
 * `.json`, in sorted order). Multi-document YAML and `kind: List` are flattened. Errors name the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { _pushAll } from '../../core/_util';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Loads every object from the given files/directories. @internal */
export function _loadManifests(paths: string[]): any[] {
  const files: string[] = [];
  for (const p of paths) collect(p, files, true);
  const out: any[] = [];
  for (const f of files) _pushAll(out, parseManifests(fs.readFileSync(f, 'utf8'), f));
  return out;
}

function collect(p: string, files: string[], explicit: boolean): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new Error(`${p}: no such file or directory.`);
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) collect(path.join(p, name), files, false);
  } else if (explicit || EXTENSIONS.includes(path.extname(p).toLowerCase())) {
    files.push(p);
  }
}

/** Parses YAML or JSON text into objects (flattening `List` kinds). @internal */
export function parseManifests(text: string, source: string): any[] {
  const out: any[] = [];
  const docs = parseAllDocuments(text);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const pos = e.linePos?.[0];
      throw new Error(`${source}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML/JSON: ${e.message.split('\n')[0]}`);
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    for (const obj of Array.isArray(value) ? value : [value]) {
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        throw new Error(`${source}: expected Kubernetes objects (maps with apiVersion and kind), found ${JSON.stringify(obj)}.`);
      }
      if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) _pushAll(out, obj.items);
      else out.push(obj);
    }
  }
  return out;
}
