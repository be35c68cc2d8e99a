// Claims that make something happen once, however often a job runs and however many replicas
// run it: a notice by its key (SentNotice), a scheduled job by its time slot (JobRun).

export interface NoticeStore {
  /** True the first time a key is claimed; false ever after. */
  claimNotice(key: string, at: Date): Promise<boolean>;
}

export interface JobRunStore {
  /** Claims a scheduled job's time slot; false when another run (or replica) has it. */
  claimJobRun(job: string, slot: string, claimedBy: string): Promise<boolean>;
  finishJobRun(job: string, slot: string, error?: string): Promise<void>;
}
