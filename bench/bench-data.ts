// What the bench's parts share: a partnership shaped like Aalborg's example (its placement types
// and targets) with organisations of its own, and a logger that keeps what the bot logged at
// error level, since a bench of failures would be meaningless.
import { Writable } from "node:stream";
import type { PrismaClient } from "@prisma/client";
import { type Logger, pino } from "pino";

/** A 2016 partnership with the example Aalborg partnership's placement types and targets and `organisations` organisations. */
export async function createBenchPartnership(prisma: PrismaClient, opts: { slug: string; name: string; organisations: number; organisationName: string }) {
  const aalborg = await prisma.partnership.findFirstOrThrow({ where: { slug: "aalborg-2016" }, include: { placementTypes: true, targets: true } });
  return prisma.partnership.create({
    data: {
      slug: opts.slug,
      name: opts.name,
      municipality: "Bench",
      periodStart: new Date("2016-01-01T00:00:00Z"),
      periodEnd: new Date("2016-12-31T00:00:00Z"),
      placementTypes: {
        create: aalborg.placementTypes.map(({ key, labelDa, labelEn, defaultWeeks, countsForRatio, sortOrder }) => ({
          key,
          labelDa,
          labelEn,
          defaultWeeks,
          countsForRatio,
          sortOrder,
        })),
      },
      targets: {
        create: aalborg.targets.map(({ key, labelDa, labelEn, kind, min, max, sortOrder, filter }) => ({
          key,
          labelDa,
          labelEn,
          kind,
          min,
          max,
          sortOrder,
          filter: filter ?? {},
        })),
      },
      organisations: { create: Array.from({ length: opts.organisations }, (_, i) => ({ name: `${opts.organisationName} ${i + 1}` })) },
    },
    include: { organisations: true, placementTypes: true },
  });
}

/** A logger at error level whose lines are kept in `errors`. */
export function collectingLogger(): { logger: Logger; errors: string[] } {
  const errors: string[] = [];
  const logger = pino(
    { level: "error" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        errors.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, errors };
}
