// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the cloud instance-metadata endpoints a pod must not reach. Whoever reaches one from a pod can read the
 * node's credentials (an IAM role, a managed identity, a service account token) and its bootstrap data.
 */

/** One instance-metadata endpoint: an address, the TCP port it answers on, and who serves it. @internal */
export interface _MetadataEndpoint {
  readonly address: string;
  readonly port: number;
  readonly providers: string;
}

/**
 * The endpoints, in a fixed order. 169.254.169.254 serves AWS, Azure, Google Cloud, OpenStack, Oracle Cloud,
 * DigitalOcean and others; fd00:ec2::254 is AWS's IPv6 endpoint (Nitro instances); 100.100.100.200 is Alibaba Cloud's.
 * @internal
 */
export const _CLOUD_METADATA_ENDPOINTS: ReadonlyArray<_MetadataEndpoint> = [
  { address: '169.254.169.254', port: 80, providers: 'AWS, Azure, Google Cloud, OpenStack, Oracle Cloud and others' },
  { address: 'fd00:ec2::254', port: 80, providers: 'AWS over IPv6' },
  { address: '100.100.100.200', port: 80, providers: 'Alibaba Cloud' },
];
