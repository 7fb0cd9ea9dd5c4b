// SPDX-License-Identifier: Apache-2.0
import { IConstruct } from 'constructs';

/**
 * A namespace that objects can be placed in. Implemented by `HardenedNamespace` (and structurally by
 * cdk8s-plus `Namespace`), so constructs take a reference rather than a name string.
 */
export interface INamespaceRef extends IConstruct {
  /** The namespace name (`metadata.name`). */
  readonly name: string;
}
