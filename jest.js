// SPDX-License-Identifier: Apache-2.0
// `require('cdk8s-hardened/jest')` / `import 'cdk8s-hardened/jest'`: registers the jest matchers (lib/testing/jest.js).
module.exports = require('./lib/testing/jest.js');
