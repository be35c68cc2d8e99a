// The IGU bonus (lov om integrationsgrunduddannelse): its milestones, once a day. The company can apply for a bonus when an IGU has
// lasted `bonusAfterMonths` months (6 by default) and when it is completed. The bot cannot reach
// the company's contact person (a name typed in the form), so the person who registered the IGU
// gets a direct message to pass on: on the milestone day, or up to MAX_DAYS_LATE days after it
// (a bot that was down catches up; an older milestone is not sent late). Placements that ended
// early or were anonymised get none; each milestone is claimed in SentNotice, so it goes out once.
// Only private employers can get the bonus, and it is de minimis aid: public employers get no
// reminder, and every reminder says so. The rule set in force at the IGU's start decides.

import type { Job } from "../../jobs/scheduler.js";
import { addDays, type IsoDate, todayIn } from "../../kernel/dates.js";
import type { Logger } from "../../kernel/logger.js";
import { type Messenger, userAddressFromRef } from "../../kernel/messenger.js";
import type { NoticeStore } from "../../kernel/once.js";
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

export function iguMilestonesJob(deps: IguMilestoneDeps): Job {
  return {
    name: IGU_MILESTONES_JOB,
    cron: "0 9 * * *",
    run: async (now) => {
      await sendIguMilestones(deps, now);
    },
  };
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

async function sendIguMilestones(deps: IguMilestoneDeps, now: Date): Promise<{ sent: number }> {
  const { store, logger } = deps;
  const today = todayIn(deps.timezone, now);
  const earliest = addDays(today, -MAX_DAYS_LATE);
  const placements = await deps.placements.listRunningIguPlacements(today, earliest);
  const overrides = new Map<string, PlacementRuleOverrides>();
  let sent = 0;
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
        if (!(await deps.notices.claimNotice(`${NOTICE_PREFIX[milestone]}:${placement.id}`, now))) continue;
        const contact = await store.findContact(address.platform, address.workspaceId, [address.userId]);
        const locale = deps.i18n.localeOf(contact?.locale);
        const view = iguMilestoneView(
          milestone,
          { company: placement.companyName, contactPerson: placement.contactPerson, date, months },
          deps.i18n.t(locale),
          locale,
        );
        if (await deps.messenger.sendDirect(address, view)) sent += 1;
      }
    } catch (error) {
      logger.error({ err: error, placementId: placement.id }, "IGU milestone reminder failed");
    }
  }
  if (sent > 0) logger.info({ sent, today }, "IGU bonus milestones sent");
  return { sent };
}
