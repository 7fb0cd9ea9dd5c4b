// SPDX-License-Identifier: Apache-2.0
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { HARBOR_COMPONENTS } from '../_harbor-components';
import { HarborContext } from '../_harbor-context';

/** The registry pod: distribution (`registry`) and its controller (`registryctl`), sharing the blob store. @internal */
export class HarborRegistry extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    const s3 = ctx.props.s3Storage;
    const regBundle = ctx.caBundle(this, 'RegistryCaBundle', 'registry');
    const ctlBundle = ctx.caBundle(this, 'RegistryctlCaBundle', 'registryctl');
    const data = HARBOR_COMPONENTS.registry.data!;
    const storage = s3
      ? kplus.Volume.fromEmptyDir(this, 'Scratch', data.volume, { sizeLimit: Size.gibibytes(1) })
      : ctx.dataVolume(this, 'registry', ctx.r.registryStorageSize);
    const credentials = s3 ? kplus.Secret.fromSecretName(this, 'S3Credentials', s3.credentialsSecretName) : undefined;
    const s3Env: { [k: string]: kplus.EnvValue } = credentials ? {
      REGISTRY_STORAGE_S3_ACCESSKEY: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'REGISTRY_STORAGE_S3_ACCESSKEY' }),
      REGISTRY_STORAGE_S3_SECRETKEY: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'REGISTRY_STORAGE_S3_SECRETKEY' }),
    } : {};
    const htpasswdVolume = ctx.secretVolume(this, 'HtpasswdVolume', ctx.secretName,
      { name: 'registry-htpasswd', items: { REGISTRY_HTPASSWD: { path: 'passwd' } } });
    const redisPassword: { [k: string]: kplus.EnvValue } = ctx.redisPassword ? { REGISTRY_REDIS_PASSWORD: ctx.redisPassword } : {};
    const storageMount: kplus.VolumeMount = { volume: storage, path: data.mountPath, readOnly: false };
    ctx.addWorkload(this, 'registry', [
      {
        ...ctx.common('registry'),
        envVariables: {
          REGISTRY_HTTP_SECRET: ctx.sv('REGISTRY_HTTP_SECRET'),
          ...redisPassword,
          ...s3Env,
          ...ctx.tlsEnv('registry'),
          ...ctx.proxyEnv('registry'),
        },
        volumeMounts: [storageMount, ctx.configMount('registry'), { volume: htpasswdVolume, path: '/etc/registry/passwd', subPath: 'passwd', readOnly: true },
          ...regBundle.mounts, ...ctx.tlsMounts('registry'), ...ctx.custCaMounts(this, 'registry')],
      } as HardenedContainerProps,
      {
        ...ctx.common('registryctl'),
        envVariables: {
          CORE_SECRET: ctx.sv('CORE_SECRET'),
          JOBSERVICE_SECRET: ctx.sv('JOBSERVICE_SECRET'),
          REGISTRY_HTTP_SECRET: ctx.sv('REGISTRY_HTTP_SECRET'),
          ...redisPassword,
          ...s3Env,
          ...ctx.tlsEnv('registry'),
          ...ctx.proxyEnv('registryctl'),
        },
        volumeMounts: [storageMount, ctx.configMount('registry'), ctx.configMount('registryctl'),
          ...ctlBundle.mounts, ...ctx.tlsMounts('registry'), ...ctx.custCaMounts(this, 'registryctl')],
      } as HardenedContainerProps,
    ], [regBundle.init, ctlBundle.init], { readWriteOnceVolume: !s3 });
  }
}
