// Scheduled jobs on node-cron, in the bot's time zone. Each run first claims its (job, slot) in
// the JobRun table: the primary key lets only one replica run a slot, and a run that comes twice
// (a restart, a clock step) does nothing the second time. Tests call runOnce(now) directly.
import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import { wallClock } from "../kernel/business-days.js";
import type { Logger } from "../kernel/logger.js";
import type { JobRunStore } from "../kernel/once.js";

export type Job = {
  name: string;
  /** node-cron expression, read in the scheduler's time zone. */
  cron: string;
  run(now: Date): Promise<void>;
};

export type SchedulerDeps = { store: JobRunStore; logger: Logger; timezone: string; clock?: () => Date; instanceId?: string };

/** The slot a run belongs to: the minute on the wall clock, e.g. "2016-10-03T11:15". */
function slotOf(now: Date, timezone: string): string {
  const { date, minutes } = wallClock(now, timezone);
  return `${date}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export class Scheduler {
  private readonly jobs: Job[] = [];
  private readonly tasks: ScheduledTask[] = [];
  private readonly instanceId: string;

  constructor(private readonly deps: SchedulerDeps) {
    this.instanceId = deps.instanceId ?? randomUUID().slice(0, 8);
  }

  add(job: Job): this {
    this.jobs.push(job);
    return this;
  }

  start(): void {
    for (const job of this.jobs) {
      const task = cron.schedule(
        job.cron,
        async () => {
          await this.runJob(job, (this.deps.clock ?? (() => new Date()))());
        },
        { timezone: this.deps.timezone, name: job.name, noOverlap: true },
      );
      this.tasks.push(task);
    }
    this.deps.logger.info({ jobs: this.jobs.map((j) => `${j.name} (${j.cron})`), timezone: this.deps.timezone }, "scheduled jobs started");
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.destroy();
  }

  /** Runs every job (or one, by name) for the slot of `now`, once per slot across replicas. */
  async runOnce(now: Date, name?: string): Promise<void> {
    for (const job of this.jobs) if (!name || job.name === name) await this.runJob(job, now);
  }

  private async runJob(job: Job, now: Date): Promise<void> {
    const { store, logger } = this.deps;
    const slot = slotOf(now, this.deps.timezone);
    try {
      if (!(await store.claimJobRun(job.name, slot, this.instanceId))) {
        logger.debug({ job: job.name, slot }, "job slot already claimed");
        return;
      }
    } catch (error) {
      logger.error({ err: error, job: job.name, slot }, "could not claim the job's slot");
      return;
    }
    let failure: string | undefined;
    try {
      await job.run(now);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, job: job.name, slot }, "scheduled job failed");
    }
    await store.finishJobRun(job.name, slot, failure).catch((error: unknown) => logger.warn({ err: error, job: job.name }, "could not record the job's end"));
  }
}
