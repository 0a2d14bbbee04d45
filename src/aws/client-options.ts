/** How every AWS client of a run is built: region, endpoint, credentials, attempts and the run's deadline. */
import type { ClientCredentials } from './credentials.ts';
import type { RunDeadline } from '../run-deadline.ts';
import type { Progress } from '../progress.ts';

export interface AwsClientOptions {
  region: string;
  /** Overrides the endpoint; when absent the SDK still honours AWS_ENDPOINT_URL_GROUNDSTATION. */
  endpoint?: string;
  credentials?: ClientCredentials;
  /** Total attempts including the first (default 3). */
  maxAttempts?: number;
  /** The run's deadline: no attempt, retry or wait runs past it. */
  deadline?: RunDeadline;
  /**
   * The Resource Groups Tagging endpoint for discovery by tags. Without it, discovery uses the
   * SDK's (AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API, else AWS's) unless `endpoint` points
   * Ground Station elsewhere, in which case groups are found by a scan.
   */
  taggingEndpoint?: string;
  /** Where retries are shown ("GetDataflowEndpointGroup: HTTP 503, retrying (2/3)"); default: nowhere. */
  progress?: Progress;
}
