// The IGU bonus (lov om integrationsgrunduddannelse): its milestones, once a day. The company can apply for a bonus when an IGU has
// lasted `bonusAfterMonths` months (6 by default) and when it is completed. The bot cannot reach
// the company's contact person (a name typed in the form), so the person who registered the IGU
// gets a direct message to pass on: on the milestone day, or up to MAX_DAYS_LATE days after it
// (a bot that was down catches up; an older milestone is not sent late). Placements that ended
// early or were anonymised get none. The run queues one task per milestone; the task records the
// milestone in SentNotice after the message went out, so it goes out once and a failed send is retried.
// Only private employers can get the bonus, and it is de minimis aid: public employers get no
// reminder, and every reminder says so. The rule set in force at the IGU's start decides.

import type { Job } from "../../jobs/scheduler.js";
import { addDays, type IsoDate, todayIn } from "../../kernel/dates.js";
import type { Logger } from "../../kernel/logger.js";
import { type Messenger, type UserAddress, userAddressFromRef } from "../../kernel/messenger.js";
import { type NoticeStore, sendOnce, type TaskQueue } from "../../kernel/once.js";
import type { AccessStore } from "../../kernel/store.js";
import type { I18n } from "../../kernel/translate.js";
import { addMonths } from "./duration-rules.js";
import { type IguMilestone, iguMilestoneView } from "./igu-views.js";
import { type PlacementRuleOverrides, rulesOn } from "./rule-set.js";
import type { IguMilestoneStore, IguPlacement, PlacementRulesStore } from "./store.js";

export const IGU_MILESTONES_JOB = "igu-milestones";
/** A milestone is still sent this many days after its date, never later. */
const MAX_DAYS_LATE = 14;

export type IguMilestoneDeps = {
  store: PlacementRulesStore & AccessStore;
  placements: IguMilestoneStore;
  notices: NoticeStore;
  messenger: Messenger;
  i18n: I18n;
  logger: Logger;
  timezone: string;
};

/** One milestone's direct message to whoever registered the IGU. */
export type IguMilestoneNotice = {
  key: string;
  address: UserAddress;
  milestone: IguMilestone;
  facts: { company: string; contactPerson: string; date: IsoDate; months: number };
};

export function iguMilestonesJob(deps: IguMilestoneDeps): Job<IguMilestoneNotice> {
  return {
    name: IGU_MILESTONES_JOB,
    cron: "0 9 * * *",
    run: async (now, tasks) => {
      await queueIguMilestones(deps, now, tasks);
    },
    tasks: { run: (notice, attempt) => sendIguMilestone(deps, notice, attempt.at).then(() => undefined) },
  };
}

/** Sends one milestone unless its key is recorded, in the registrant's language; records it once it went out. */
async function sendIguMilestone(deps: IguMilestoneDeps, notice: IguMilestoneNotice, at: Date): Promise<boolean> {
  const { address } = notice;
  const contact = await deps.store.findContact(address.platform, address.workspaceId, [address.userId]);
  const locale = deps.i18n.localeOf(contact?.locale);
  const view = iguMilestoneView(notice.milestone, notice.facts, deps.i18n.t(locale), locale);
  return sendOnce(deps.notices, notice.key, at, () => deps.messenger.sendDirect(address, view));
}

const NOTICE_PREFIX: Record<IguMilestone, string> = { six_months: "igu:6m", completion: "igu:end" };

/** The milestones of a placement and their dates; the bonus month only when the IGU lasts that long. */
function iguMilestoneDates(p: Pick<IguPlacement, "startDate" | "endDate">, bonusAfterMonths: number): { milestone: IguMilestone; date: IsoDate }[] {
  const out: { milestone: IguMilestone; date: IsoDate }[] = [];
  const bonusDay = addMonths(p.startDate, bonusAfterMonths);
  if (p.endDate === null || bonusDay <= p.endDate) out.push({ milestone: "six_months", date: bonusDay });
  if (p.endDate !== null) out.push({ milestone: "completion", date: p.endDate });
  return out;
}

async function queueIguMilestones(deps: IguMilestoneDeps, now: Date, tasks: TaskQueue<IguMilestoneNotice>): Promise<{ queued: number }> {
  const { store, logger } = deps;
  const today = todayIn(deps.timezone, now);
  const earliest = addDays(today, -MAX_DAYS_LATE);
  const placements = await deps.placements.listRunningIguPlacements(today, earliest);
  const overrides = new Map<string, PlacementRuleOverrides>();
  let queued = 0;
  for (const placement of placements) {
    try {
      let stored = overrides.get(placement.partnershipId);
      if (stored === undefined) {
        stored = await store.getPlacementRuleOverrides(placement.partnershipId);
        overrides.set(placement.partnershipId, stored);
      }
      const rules = rulesOn(placement.startDate, stored).igu;
      if (!rules.bonusEmployers.includes(placement.employerSector)) continue;
      const months = rules.bonusAfterMonths;
      for (const { milestone, date } of iguMilestoneDates(placement, months)) {
        if (date > today || date < earliest) continue;
        const address = userAddressFromRef(placement.createdBy);
        if (!address) {
          logger.warn({ placementId: placement.id, milestone }, "IGU milestone: the placement was not registered from Slack or Teams; nobody to tell");
          continue;
        }
        const key = `${NOTICE_PREFIX[milestone]}:${placement.id}`;
        if (await deps.notices.wasSent(key)) continue;
        await tasks.enqueue(key, { key, address, milestone, facts: { company: placement.companyName, contactPerson: placement.contactPerson, date, months } });
        queued += 1;
      }
    } catch (error) {
      logger.error({ err: error, placementId: placement.id }, "IGU milestone reminder failed");
    }
  }
  if (queued > 0) logger.info({ queued, today }, "IGU bonus milestones queued");
  return { queued };
}
