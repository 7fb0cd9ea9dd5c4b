// SPDX-License-Identifier: Apache-2.0
export { SecretHasNoLiteralData } from './secret-has-no-literal-data';
