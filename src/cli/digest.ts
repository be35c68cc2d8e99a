// `npm run digest -- --dry-run [--channel <id>] [--week 2026-W48] [--locale da|en]`: prints the
// weekly digests that would be posted to the linked channels, as text, without posting. With no
// linked channel (and no --channel) each partnership's own digest is printed.
import { createPrismaStore } from "../db/stores.js";
import { digestMoment, isoWeekAt, loadDigestData, mondayOfIsoWeek, type PartnershipDigestData } from "../features/digests/build-digest.js";
import { channelDigest, messageAsText } from "../features/digests/view.js";
import { createI18n } from "../i18n/index.js";
import type { Locale } from "../kernel/actor.js";
import { oneOf, readOptions, timezoneFrom } from "./args.js";
import { CliError, openMigratedDatabase, runCli } from "./migrate.js";

const USAGE = "npm run digest -- --dry-run [--channel <id>] [--week 2026-W48] [--locale da|en]";

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dryRun = argv.includes("--dry-run");
  const opts = readOptions(
    argv.filter((a) => a !== "--dry-run"),
    ["channel", "week", "locale"],
    USAGE,
  );
  if (!dryRun) throw new CliError(`only --dry-run is supported here; the bot posts the digests on their schedule. Usage: ${USAGE}`);
  const timezone = timezoneFrom(process.env);
  const now = new Date();
  const week = opts.week ?? isoWeekAt(now, timezone);
  if (!mondayOfIsoWeek(week)) throw new CliError(`--week "${week}" is not an ISO week; write e.g. 2026-W48`);
  const forced = opts.locale ? oneOf(opts.locale, ["da", "en"] as const, "locale") : undefined;
  const i18n = createI18n("da");

  const { db } = await openMigratedDatabase();
  try {
    const store = createPrismaStore(db.prisma, db.sql);
    const partnerships = await store.listPartnerships();
    const links = await store.listDigestLinks(opts.channel ? { channelId: opts.channel } : {});
    if (opts.channel && links.length === 0) throw new CliError(`no digest is linked to the channel "${opts.channel}"`);
    const cache = new Map<string, Promise<PartnershipDigestData>>();
    const dataFor = (partnershipId: string, asOf: Date) => {
      const key = `${partnershipId}@${asOf.toISOString()}`;
      if (!cache.has(key)) cache.set(key, loadDigestData(store, partnerships.find((p) => p.id === partnershipId)!, { asOf, timezone }));
      return cache.get(key)!;
    };
    const targets =
      links.length > 0
        ? links.map((l) => ({ label: `${l.platform} ${l.workspaceId}/${l.channelId}${l.failedAt ? ` (failed: ${l.failure})` : ""}`, ...l }))
        : partnerships.map((p) => ({
            label: `(no linked channel) ${p.slug}`,
            partnershipId: p.id,
            organisationId: null,
            locale: null,
            weekday: 1,
            time: "08:00",
          }));
    for (const target of targets) {
      const asOf = digestMoment(week, now, timezone, target);
      const locale: Locale = forced ?? i18n.localeOf(target.locale);
      const { view, chart } = channelDigest(await dataFor(target.partnershipId, asOf), target.organisationId, i18n.t(locale), locale);
      console.log(`=== ${target.label} · ${week} · ${asOf.toISOString()}`);
      console.log(messageAsText(view));
      console.log(`[chart ${chart.fileName}: ${chart.png.length} bytes PNG]\n`);
    }
  } finally {
    await db.close();
  }
}

runCli("digest", main);
