// SPDX-License-Identifier: Apache-2.0
import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-hardened',
  packageName: 'cdk8s-hardened',
  description: 'Secure-by-default cdk8s constructs and a rule engine that fails the build when Kubernetes manifests drift from the hardening standard.',
  author: 'cdk8s-hardened authors',
  authorAddress: 'maintainers@cdk8s-hardened.dev',
  repositoryUrl: 'https://github.com/cdk8s-hardened/cdk8s-hardened.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Non-jsii runtime dependencies must be bundled into the jsii package.
  // js-yaml: the manifest loader's fast path (src/policy/integrations/_yaml-decode.ts).
  bundledDeps: ['yaml@^2.5.0', 'bcryptjs@^3.0.3', 'js-yaml@^4.1.0'],
  devDeps: [
    'kubernetes-models@4.5.1',
    '@kubernetes-models/cert-manager@4.4.4',
    '@kubernetes-models/istio@2.3.0',
    '@bufbuild/cel@0.6.1',
    '@kubernetes-models/external-secrets@2.0.0',
    '@kubernetes-models/argo-cd@4.0.0',
    '@kubernetes-models/flux-cd@4.0.0',
    'ts-node',
    '@types/js-yaml',
  ],
  keywords: ['cdk8s', 'kubernetes', 'security', 'hardening', 'pod-security-standards', 'networkpolicy', 'rbac', 'harbor'],
  // No GitHub workflows: CI is `.ci/run` on a fresh clone.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  docgen: true,
  jestOptions: {
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Removes the temporary folders (cdk8s.outdir.* from Testing.app()) each test file created.
      setupFilesAfterEnv: ['<rootDir>/test/jest-setup.ts'],
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      // Jest's default (cores - 1) runs the suite in band on a 2-core CI machine: 12 min instead of about 7.
      maxWorkers: 2,
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'projenrc'],
    ignorePatterns: ['src/imports/**', '*.js', '*.d.ts', 'node_modules/', 'lib/', 'dist/', 'coverage/', 'test-reports/'],
  },
  gitignore: ['/dist/', '/.bench/'],

});

// Ordering must not depend on the machine's locale: compare code points with core/_compare.ts instead.
project.eslint?.addRules({
  'no-restricted-syntax': ['error', {
    selector: "CallExpression[callee.property.name='localeCompare']",
    message: 'localeCompare depends on the locale; order strings with _compareCodePoints (src/core/_compare.ts).',
  }],
});

// The registry here lacks some platform builds of unrs-resolver 1.13.0 (eslint's import resolver).
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

project.package.addBin({ 'cdk8s-hardened': 'bin/cdk8s-hardened' });

// `npm run example`: synthesize every app under examples/ into dist/ and print a security summary.
project.addTask('example', {
  description: 'Synthesize every examples/<scenario>/main.ts into dist/<scenario>/ and print a one-line summary per file',
  exec: 'ts-node --project examples/tsconfig.json examples/run.ts',
});

// RULES.md is generated from rule metadata after every compile; test/projenrc/rules-doc.test.ts fails when it is stale.
const rulesDoc = project.addTask('rules-doc', {
  description: 'Generate RULES.md from the metadata of every registered rule and pack',
  exec: 'ts-node --transpile-only --project projenrc/tsconfig.json projenrc/rules-doc.ts',
});
project.postCompileTask.spawn(rulesDoc);

// `npm run bench`: benchmarks, never part of the test suite.
project.addTask('bench', {
  description: 'Run the benchmarks in bench/ and write docs/performance.md',
  exec: 'ts-node --transpile-only --project bench/tsconfig.json bench/run.ts',
  receiveArgs: true,
});

// Fails when the build changed or created files that should have been committed (snapshots, API.md, RULES.md, ...).
const checkCommitted = project.addTask('check-committed', {
  description: 'Fail when generated files (snapshots, API.md, RULES.md, package.json) differ from what is committed',
  exec: 'git add --intent-to-add -A . && git diff --exit-code --stat && git diff --exit-code > /dev/null',
});

// ts-jest runs with isolatedModules (no type check), so the tests are type-checked once, before jest runs them.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json', { name: 'typecheck-tests' });

// `npm test` is the full build followed by the self-mutation check.
project.package.setScript('test', 'npx projen build && npx projen check-committed');
void checkCommitted;
project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/.ci/');

// examples/ and bench/ are TypeScript run with ts-node and linted with their own tsconfig.
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..' },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
    marker: false,
  });
}

project.synth();
