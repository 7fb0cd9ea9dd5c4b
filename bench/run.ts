// SPDX-License-Identifier: Apache-2.0
// `npm run bench`: benchmarks (see issue 7). Not part of the test suite.
console.log('No benchmarks yet.');
