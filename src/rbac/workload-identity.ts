// SPDX-License-Identifier: Apache-2.0

const AWS_ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f)?:iam::[0-9]{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const GCP_SA_EMAIL = /^[a-z]([-a-z0-9]{4,28})[a-z0-9]@[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.iam\.gserviceaccount\.com$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Options for `WorkloadIdentity.azure()`.
 */
export interface AzureWorkloadIdentityOptions {
  /**
   * The Microsoft Entra tenant ID, written to `azure.workload.identity/tenant-id`.
   *
   * @default - the tenant the cluster's workload identity webhook is configured with
   * @see https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
   */
  readonly tenantId?: string;
}

/**
 * A cloud identity for a Kubernetes service account, expressed as the annotations (and, for Azure, the pod
 * label) that the cloud's workload-identity integration reads. The cloud credentials are then short-lived
 * tokens exchanged by the cloud's webhook or metadata server; no static cloud key is stored in the cluster,
 * and none of the integrations needs `automountServiceAccountToken`.
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 * @see https://azure.github.io/azure-workload-identity/docs/
 */
export class WorkloadIdentity {
  /** Annotation read by the EKS Pod Identity Webhook (IRSA). */
  public static readonly AWS_ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
  /** Annotation read by GKE Workload Identity. */
  public static readonly GCP_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';
  /** Annotation read by the Azure Workload Identity webhook. */
  public static readonly AZURE_CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
  /** Optional tenant annotation read by the Azure Workload Identity webhook. */
  public static readonly AZURE_TENANT_ID_ANNOTATION = 'azure.workload.identity/tenant-id';
  /** Pod label the Azure Workload Identity webhook requires on every pod that uses the identity. */
  public static readonly AZURE_USE_LABEL = 'azure.workload.identity/use';

  /**
   * EKS IAM Roles for Service Accounts: the pods get web-identity credentials for the IAM role.
   *
   * @param roleArn the IAM role ARN, e.g. `arn:aws:iam::123456789012:role/my-app`
   * @see https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
   */
  public static awsIrsa(roleArn: string): WorkloadIdentity {
    if (typeof roleArn !== 'string' || !AWS_ROLE_ARN.test(roleArn)) {
      throw new Error(`Invalid IAM role ARN "${roleArn}" for EKS IRSA: expected arn:<partition>:iam::<12-digit account id>:role/<name>, ` +
        'e.g. "arn:aws:iam::123456789012:role/my-app". Copy the role ARN from the IAM console or `aws iam get-role`.');
    }
    return new WorkloadIdentity('aws', { [WorkloadIdentity.AWS_ROLE_ARN_ANNOTATION]: roleArn }, {});
  }

  /**
   * GKE Workload Identity: the Kubernetes service account impersonates a Google service account.
   *
   * @param serviceAccountEmail the Google service account, e.g. `my-app@my-project.iam.gserviceaccount.com`
   * @see https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
   */
  public static gcp(serviceAccountEmail: string): WorkloadIdentity {
    if (typeof serviceAccountEmail !== 'string' || !GCP_SA_EMAIL.test(serviceAccountEmail)) {
      throw new Error(`Invalid Google service account "${serviceAccountEmail}" for GKE Workload Identity: expected ` +
        '<name>@<project-id>.iam.gserviceaccount.com (name 6-30 lowercase characters), e.g. "my-app@my-project.iam.gserviceaccount.com".');
    }
    return new WorkloadIdentity('gcp', { [WorkloadIdentity.GCP_SERVICE_ACCOUNT_ANNOTATION]: serviceAccountEmail }, {});
  }

  /**
   * Azure Workload Identity: the service account federates with a Microsoft Entra application or managed identity.
   * Pods must also carry the label `azure.workload.identity/use: "true"` (see `podLabels`).
   *
   * @param clientId the client (application) ID, a UUID
   * @see https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
   */
  public static azure(clientId: string, options: AzureWorkloadIdentityOptions = {}): WorkloadIdentity {
    if (typeof clientId !== 'string' || !UUID.test(clientId)) {
      throw new Error(`Invalid Azure client ID "${clientId}" for Azure Workload Identity: expected a UUID such as ` +
        '"00000000-0000-0000-0000-000000000000". Use the clientId of the managed identity or app registration.');
    }
    const annotations: Record<string, string> = { [WorkloadIdentity.AZURE_CLIENT_ID_ANNOTATION]: clientId };
    if (options.tenantId !== undefined) {
      if (typeof options.tenantId !== 'string' || !UUID.test(options.tenantId)) {
        throw new Error(`Invalid Azure tenant ID "${options.tenantId}" for Azure Workload Identity: expected a UUID. ` +
          'Omit tenantId to use the tenant the webhook is configured with.');
      }
      annotations[WorkloadIdentity.AZURE_TENANT_ID_ANNOTATION] = options.tenantId;
    }
    return new WorkloadIdentity('azure', annotations, { [WorkloadIdentity.AZURE_USE_LABEL]: 'true' });
  }

  /** The cloud: `aws`, `gcp` or `azure`. */
  public readonly provider: string;
  private readonly _annotations: Record<string, string>;
  private readonly _podLabels: Record<string, string>;

  private constructor(provider: string, annotations: Record<string, string>, podLabels: Record<string, string>) {
    this.provider = provider;
    this._annotations = annotations;
    this._podLabels = podLabels;
  }

  /** Annotations for the ServiceAccount (a copy). */
  public get annotations(): Record<string, string> {
    return { ...this._annotations };
  }

  /**
   * Labels every pod using the service account must carry (a copy; empty for AWS and GCP).
   * Add them to the workload's pod template, e.g. `deployment.podMetadata.addLabel(key, value)`.
   */
  public get podLabels(): Record<string, string> {
    return { ...this._podLabels };
  }
}
