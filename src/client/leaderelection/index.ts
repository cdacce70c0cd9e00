// Leader election on coordination.k8s.io/v1 Leases: one active instance of a component
// among many candidates.

export {
  formatMicroTime,
  LeaseLock,
  LEASES,
  leaseSpecToRecord,
  recordToLeaseSpec,
  type Lease,
  type LeaseLockOptions,
  type LeaseSpec,
  type LeaderElectionRecord,
  type ResourceLock,
} from './lease-lock.js';
export {
  DEFAULT_LEASE_DURATION_MS,
  DEFAULT_RENEW_DEADLINE_MS,
  DEFAULT_RETRY_PERIOD_MS,
  JITTER_FACTOR,
  LeaderElector,
  type LeaderCallbacks,
  type LeaderElectionConfig,
} from './leader-elector.js';
export { campaign, campaignAsComponent, type CampaignOptions, type ElectionSettings } from './campaign.js';
