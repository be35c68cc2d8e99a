// Work that must happen once, however often a job runs and however many replicas run it. A
// scheduled run hands out tasks (one per channel or recipient) through a TaskQueue: a key is
// queued or running at most once, and each task is retried on its own. What a task sent is
// recorded only after it went out (SentNotice), so a retried task skips what is already done and
// a crash between the claim and the send loses nothing.

/** The tasks a scheduled run hands out; the queue behind it retries each with backoff. */
export interface TaskQueue<T extends object> {
  /** Queues a task unless one with the same key is already queued or running. */
  enqueue(key: string, data: T): Promise<void>;
}

/** The record of what was sent, by key (e.g. "igu:6m:<placement>"). */
export interface NoticeStore {
  /** True once the key has been recorded as sent. */
  wasSent(key: string): Promise<boolean>;
  /** Records the key as sent (again: no change). */
  recordSent(key: string, at: Date): Promise<void>;
}

/**
 * Sends a notice unless its key is recorded already, and records the key only after `send`
 * succeeded: a send that throws is retried by the task queue, one that the platform could not
 * deliver (false) is tried again by a later run. True when it was sent now.
 */
export async function sendOnce(notices: NoticeStore, key: string, at: Date, send: () => Promise<boolean>): Promise<boolean> {
  if (await notices.wasSent(key)) return false;
  if (!(await send())) return false;
  await notices.recordSent(key, at);
  return true;
}
