// SPDX-License-Identifier: Apache-2.0
// Rules, exposed as the jsii submodule `rules` (src/policy/index.ts). ONE LINE PER DOMAIN FOLDER:
//   export * as podSecurity from './pod-security';
// Each folder's index.ts exports every rule file of that folder (one `export * from './x';` line per rule).
export * as network from './network';
export * as podSecurity from './pod-security';
export * as rbac from './rbac';
export * as secrets from './secrets';
export * as workload from './workload';
