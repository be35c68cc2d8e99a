// Which report `rapport [partnership] [2016-Q3]` asks for: the words may come in any order. A
// secretariat in several partnerships names one, or a quarter only one of them covers, or is
// asked which; without a quarter, the
// partnership's last finished quarter — never one after its period has ended.
import type { IsoDate } from "../../kernel/dates.js";
import { firstDayOf, lastDayOf, parseQuarter, previousQuarter, type Quarter } from "../../kernel/quarters.js";
import type { PartnershipRecord } from "../../kernel/records.js";

export type ChooseReportResult =
  | { kind: "ok"; partnership: PartnershipRecord; quarter: Quarter }
  /** Several partnerships and none named (or a name that is none of them): the ones to choose from. */
  | { kind: "choose_partnership"; partnerships: PartnershipRecord[]; named: string | undefined }
  | { kind: "bad_quarter"; text: string }
  | { kind: "no_partnership" };

/** The quarter a calendar date is in. */
function quarterOfDate(date: IsoDate): Quarter {
  const month = Number(date.slice(5, 7));
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as Quarter["quarter"] };
}

const earlier = (a: Quarter, b: Quarter): Quarter => (a.year * 4 + a.quarter <= b.year * 4 + b.quarter ? a : b);
const later = (a: Quarter, b: Quarter): Quarter => (earlier(a, b) === a ? b : a);

/** The partnership's last finished quarter as of today: within its period, at least its first quarter. */
function lastReportQuarter(partnership: PartnershipRecord, today: IsoDate): Quarter {
  const lastFinished = previousQuarter(quarterOfDate(today));
  return later(quarterOfDate(partnership.periodStart), earlier(lastFinished, quarterOfDate(partnership.periodEnd)));
}

export function chooseReport(partnerships: readonly PartnershipRecord[], words: readonly string[], today: IsoDate): ChooseReportResult {
  let quarter: Quarter | undefined;
  let named: string | undefined;
  for (const word of words) {
    const asQuarter = parseQuarter(word);
    if (asQuarter) quarter = asQuarter;
    else if (/^\d{4}/.test(word) || /q\d/i.test(word)) return { kind: "bad_quarter", text: word };
    else named = word.toLowerCase();
  }
  if (partnerships.length === 0) return { kind: "no_partnership" };
  // A named quarter that only one partnership's period covers names the partnership too.
  const covering = quarter ? partnerships.filter((p) => p.periodStart <= lastDayOf(quarter) && p.periodEnd >= firstDayOf(quarter)) : [];
  const unnamed = covering.length === 1 ? covering : partnerships;
  const chosen = named === undefined ? unnamed : partnerships.filter((p) => p.slug === named);
  if (chosen.length !== 1) return { kind: "choose_partnership", partnerships: [...partnerships], named };
  const partnership = chosen[0]!;
  return { kind: "ok", partnership, quarter: quarter ?? lastReportQuarter(partnership, today) };
}
