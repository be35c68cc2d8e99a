// Scheduled jobs on the job queue (engine.ts), in the bot's time zone. Each job is a pg-boss cron
// schedule: however many replicas run, each tick becomes one job in the queue, run by one of them.
// A job may hand out tasks (one per channel or recipient): each is a job in a queue of its own,
// queued at most once per key, retried with exponential backoff, and taken over by another
// replica when its runner stops beating (expiry on a heartbeat). Tests call runOnce(now), which
// runs a job and then its queued tasks at once, with the time they want.
import type { PgBoss, Job as QueuedJob } from "pg-boss";
import type { Logger } from "../kernel/logger.js";
import type { TaskQueue } from "../kernel/once.js";

/** One attempt at a task: when the run that queued it ran, and whether the queue will try again. */
export type TaskAttempt = { at: Date; last: boolean };

export type TaskRunner<T extends object> = {
  run(data: T, attempt: TaskAttempt): Promise<void>;
  /** Attempts after the first (default 3), spaced by exponential backoff from 10 s up to 10 minutes. */
  retryLimit?: number;
  /** A task whose runner sends no heartbeat for this long is handed to another replica (default 30, at least 10). */
  heartbeatSeconds?: number;
  /** A task running longer than this is given up and retried (default 10 minutes). */
  expireInSeconds?: number;
  /** Tasks of this job one process runs at the same time (default 8). */
  concurrency?: number;
};

export type Job<T extends object = object> = {
  name: string;
  /** Cron expression (five fields), read in the scheduler's time zone. */
  cron: string;
  /** `tasks` queues this job's tasks, if it has any. */
  run(now: Date, tasks: TaskQueue<T>): Promise<void>;
  tasks?: TaskRunner<T>;
};

export type SchedulerDeps = {
  logger: Logger;
  timezone: string;
  /** The queue; without it (use cases on in-memory stores) runOnce runs tasks in place. */
  boss?: PgBoss;
  clock?: () => Date;
};

type Envelope<T> = { at: string; data: T };

const DEFAULT_RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 10;
const RETRY_DELAY_MAX_SECONDS = 600;
const DEFAULT_HEARTBEAT_SECONDS = 30;
const DEFAULT_EXPIRE_SECONDS = 600;
const DEFAULT_CONCURRENCY = 8;
/** A scheduled run that takes longer than this is ended; the next tick runs it again. */
const RUN_EXPIRE_SECONDS = 15 * 60;
/** How often an idle worker asks the queue for work. */
const POLL_SECONDS = 5;

const taskQueueOf = (job: Job<never> | Job) => `${job.name}.tasks`;

export class Scheduler {
  // Jobs of any task type: each one's run and tasks agree on it, and the scheduler only passes data through.
  private readonly jobs: Job<never>[] = [];
  private started = false;

  constructor(private readonly deps: SchedulerDeps) {}

  add<T extends object>(job: Job<T>): this {
    this.jobs.push(job as unknown as Job<never>);
    return this;
  }

  /** Creates every job's queues and cron schedule (fired once per tick across replicas), and starts the workers. */
  async start(): Promise<void> {
    const { boss, logger, timezone } = this.deps;
    if (!boss) throw new Error("the scheduler needs the job queue to start");
    await this.createQueues();
    // A job this version no longer has stops firing.
    const names = new Set(this.jobs.map((j) => j.name));
    for (const schedule of await boss.getSchedules()) if (!names.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
    for (const job of this.jobs) {
      await boss.schedule(job.name, job.cron, null, { tz: timezone });
      await boss.work(job.name, { pollingIntervalSeconds: POLL_SECONDS }, async ([queued]) => {
        if (queued) await this.runJob(job, this.now());
      });
      const tasks = job.tasks;
      if (tasks) {
        await boss.work<Envelope<never>>(
          taskQueueOf(job),
          { pollingIntervalSeconds: POLL_SECONDS, localConcurrency: tasks.concurrency ?? DEFAULT_CONCURRENCY },
          async ([queued]) => {
            if (queued) await this.runTask(job, queued);
          },
        );
      }
    }
    this.started = true;
    logger.info({ jobs: this.jobs.map((j) => `${j.name} (${j.cron})`), timezone }, "scheduled jobs started");
  }

  async stop(): Promise<void> {
    // A tick run by hand that is still draining its tasks finishes before the queue closes.
    await Promise.allSettled([...this.running]);
    if (!this.started) return;
    this.started = false;
    for (const job of this.jobs) {
      await this.deps.boss?.offWork(job.name);
      if (job.tasks) await this.deps.boss?.offWork(taskQueueOf(job));
    }
  }

  /** Runs every job (or one, by name) as its cron tick at `now` would, then the tasks it queued. */
  async runOnce(now: Date, name?: string): Promise<void> {
    const run = this.runTick(now, name);
    this.running.add(run);
    try {
      await run;
    } finally {
      this.running.delete(run);
    }
  }

  /** The ticks run by hand that have not finished yet; stop() waits for them. */
  private readonly running = new Set<Promise<void>>();

  private async runTick(now: Date, name?: string): Promise<void> {
    if (this.deps.boss) await this.createQueues();
    for (const job of this.jobs) {
      if (name && job.name !== name) continue;
      await this.runJob(job, now);
      if (job.tasks && this.deps.boss) await this.drainTasks(job);
    }
  }

  private now(): Date {
    return (this.deps.clock ?? (() => new Date()))();
  }

  private queuesCreated = false;

  private async createQueues(): Promise<void> {
    const { boss } = this.deps;
    if (!boss || this.queuesCreated) return;
    for (const job of this.jobs) {
      await boss.createQueue(job.name, { retryLimit: 0, expireInSeconds: RUN_EXPIRE_SECONDS });
      const tasks = job.tasks;
      if (!tasks) continue;
      // "exclusive": one queued or running task per key, so a tick that comes again (or a second
      // replica's run) does not queue the same notice twice.
      await boss.createQueue(taskQueueOf(job), {
        policy: "exclusive",
        retryLimit: tasks.retryLimit ?? DEFAULT_RETRY_LIMIT,
        retryDelay: RETRY_DELAY_SECONDS,
        retryBackoff: true,
        retryDelayMax: RETRY_DELAY_MAX_SECONDS,
        heartbeatSeconds: tasks.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
        expireInSeconds: tasks.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
      });
    }
    this.queuesCreated = true;
  }

  private taskQueue(job: Job<never>, now: Date): TaskQueue<never> {
    const { boss } = this.deps;
    const tasks = job.tasks;
    if (!tasks) return { enqueue: async () => {} };
    if (!boss) {
      // In place, once per key within the run: the in-memory stand-in for the queue.
      const seen = new Set<string>();
      return {
        enqueue: async (key, data) => {
          if (seen.has(key)) return;
          seen.add(key);
          await tasks.run(data, { at: now, last: true }).catch((error: unknown) => this.deps.logger.error({ err: error, job: job.name, key }, "task failed"));
        },
      };
    }
    return {
      enqueue: async (key, data) => {
        const envelope: Envelope<never> = { at: now.toISOString(), data };
        await boss.send(taskQueueOf(job), envelope, { singletonKey: key });
      },
    };
  }

  private async runJob(job: Job<never>, now: Date): Promise<void> {
    try {
      await job.run(now, this.taskQueue(job, now));
    } catch (error) {
      this.deps.logger.error({ err: error, job: job.name }, "scheduled job failed");
    }
  }

  /** One attempt at a task; a throw hands it back to the queue, which retries it after a backoff. */
  private async runTask(job: Job<never>, queued: QueuedJob<Envelope<never>>): Promise<void> {
    const limit = job.tasks?.retryLimit ?? DEFAULT_RETRY_LIMIT;
    try {
      await job.tasks?.run(queued.data.data, { at: new Date(queued.data.at), last: queued.retryCount >= limit });
    } catch (error) {
      this.deps.logger.warn({ err: error, job: job.name, attempt: queued.retryCount + 1 }, "task failed; the queue retries it");
      throw error;
    }
  }

  /** Runs the tasks that are ready now, as the workers would, until none is left. */
  private async drainTasks(job: Job<never>): Promise<void> {
    const boss = this.deps.boss!;
    const queue = taskQueueOf(job);
    const batchSize = job.tasks?.concurrency ?? DEFAULT_CONCURRENCY;
    for (
      let batch = await boss.fetch<Envelope<never>>(queue, { batchSize });
      batch.length > 0;
      batch = await boss.fetch<Envelope<never>>(queue, { batchSize })
    ) {
      await Promise.all(
        batch.map(async (queued) => {
          try {
            await this.runTask(job, queued);
            await boss.complete(queue, queued);
          } catch (error) {
            await boss.fail(queue, queued, { message: error instanceof Error ? error.message : String(error) });
          }
        }),
      );
    }
  }
}
