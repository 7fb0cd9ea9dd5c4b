// SPDX-License-Identifier: Apache-2.0
import { WorkloadIdentity } from '../../src/rbac';

describe('WorkloadIdentity', () => {
  test('awsIrsa() annotates the role ARN', () => {
    const id = WorkloadIdentity.awsIrsa('arn:aws-us-gov:iam::123456789012:role/path/app-role');
    expect(id.provider).toBe('aws');
    expect(id.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws-us-gov:iam::123456789012:role/path/app-role' });
    expect(id.podLabels).toEqual({});
  });

  test('throws on a malformed role ARN', () => {
    expect(() => WorkloadIdentity.awsIrsa('arn:aws:iam::1234:role/app')).toThrow(/Invalid IAM role ARN "arn:aws:iam::1234:role\/app" for EKS IRSA/);
    expect(() => WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:user/app')).toThrow(/expected arn:<partition>:iam::<12-digit account id>:role\/<name>/);
  });

  test('gcp() annotates the Google service account', () => {
    const id = WorkloadIdentity.gcp('registry@my-project-1.iam.gserviceaccount.com');
    expect(id.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'registry@my-project-1.iam.gserviceaccount.com' });
  });

  test('throws on a malformed Google service account email', () => {
    expect(() => WorkloadIdentity.gcp('registry@gmail.com')).toThrow(/Invalid Google service account "registry@gmail.com"/);
    expect(() => WorkloadIdentity.gcp('ab@my-project.iam.gserviceaccount.com')).toThrow(/name 6-30 lowercase characters/);
  });

  test('azure() annotates the client ID, optionally the tenant, and asks for the pod label', () => {
    const id = WorkloadIdentity.azure('11111111-2222-3333-4444-555555555555', { tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' });
    expect(id.annotations).toEqual({
      'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555',
      'azure.workload.identity/tenant-id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    });
    expect(id.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
  });

  test('throws on a malformed Azure client ID', () => {
    expect(() => WorkloadIdentity.azure('my-app')).toThrow(/Invalid Azure client ID "my-app"/);
  });

  test('throws on a malformed Azure tenant ID', () => {
    expect(() => WorkloadIdentity.azure('11111111-2222-3333-4444-555555555555', { tenantId: 'contoso' })).toThrow(/Invalid Azure tenant ID "contoso"/);
  });

  test('returns copies', () => {
    const id = WorkloadIdentity.azure('11111111-2222-3333-4444-555555555555');
    id.podLabels.extra = 'x';
    id.annotations.extra = 'x';
    expect(Object.keys(id.podLabels)).toEqual(['azure.workload.identity/use']);
    expect(Object.keys(id.annotations)).toEqual(['azure.workload.identity/client-id']);
  });
});
