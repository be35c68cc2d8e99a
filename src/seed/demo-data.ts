// Demo data: a partnership running this year, and placements, support requests and quarterly
// statuses for it and for the two example partnerships, generated from a seeded random number
// generator so every run gives the same numbers. Candidates appear only as pseudonyms
// ("P-7F3K2"); companies, people and CVR numbers are made up (the CVR numbers pass the
// modulus-11 check, as the forms require).
import type { Prisma, PrismaClient } from "@prisma/client";
import { writeAudit } from "../db/audit.js";
import { addBusinessDays } from "../kernel/business-days.js";
import { addDays, dateFromIso, type IsoDate } from "../kernel/dates.js";
import { makePseudonym } from "../kernel/personal-data.js";
import { firstDayOf, formatQuarter, lastDayOf, nextQuarter, type Quarter } from "../kernel/quarters.js";
import type { SECTORS } from "../kernel/sectors.js";
import { AALBORG_2016, FREDERICIA_2013, type SeedPartnership } from "./examples.js";
import { PLAYGROUND_BOT, PLAYGROUND_DEFAULT_PORT, PLAYGROUND_PEOPLE, PLAYGROUND_TEAM, PLAYGROUND_TENANT, playgroundServiceUrl } from "./playground-world.js";
import { seedPartnerships } from "./seed-database.js";

/** A small, fast, seeded generator (mulberry32): the same seed gives the same demo. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Db = PrismaClient | Prisma.TransactionClient;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

/** A made-up CVR number that passes the modulus-11 check. */
export function makeCvr(random: Random): string {
  for (;;) {
    const digits = [between(random, 1, 9), ...Array.from({ length: 6 }, () => between(random, 0, 9))];
    const sum = digits.reduce((s, d, i) => s + d * CVR_WEIGHTS[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return [...digits, check].join("");
  }
}

/** The partnership the demo adds: this year's, in a made-up municipality. */
function demoPartnership(year: number): SeedPartnership {
  return {
    ...AALBORG_2016,
    slug: `nordby-${year}`,
    name: `Partnerskab om praktikpladser, Nordby ${year}`,
    municipality: "Nordby",
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    organisations: [
      { name: "Jobcenter Nordby", kind: "jobcenter" },
      { name: "Nordby Kommune", kind: "other" },
      { name: "Dansk Industri Nordby", kind: "employers_association" },
      { name: "3F Nordby", kind: "union" },
      { name: "Nordby Erhvervsforening", kind: "employers_association" },
      { name: "Dansk Byggeri Nordby", kind: "employers_association" },
      { name: "Nordby Tekniske Skole", kind: "school" },
      { name: "SOSU Nordby", kind: "school" },
    ],
  };
}

/** Who the Playground's three people are in the demo partnership. */
const PLAYGROUND_ORGANISATIONS = {
  admin: { organisation: "Jobcenter Nordby", role: "secretariat_admin" },
  jobcenter: { organisation: "Jobcenter Nordby", role: "jobcenter_staff" },
  partner: { organisation: "Dansk Industri Nordby", role: "partner_contact" },
} as const;

type Sector = (typeof SECTORS)[number];

type Employer = {
  name: string;
  cvr: string;
  pNumber: string;
  employees: number;
  sector: Sector;
  public: boolean;
  shortage: boolean;
};

const TRADES: readonly (readonly [string, Sector, boolean])[] = [
  ["Murer", "construction", true],
  ["Tømrer", "construction", true],
  ["VVS", "construction", true],
  ["El-service", "construction", true],
  ["Maskinfabrik", "manufacturing", true],
  ["Stålindustri", "manufacturing", true],
  ["Plast", "manufacturing", false],
  ["Vognmand", "transport", true],
  ["Logistik", "transport", true],
  ["Hotel", "hospitality", true],
  ["Kro", "hospitality", true],
  ["Storkøkken", "hospitality", true],
  ["Rengøring", "cleaning", true],
  ["Facility", "cleaning", true],
  ["Gartneri", "agriculture", true],
  ["Svineproduktion", "agriculture", true],
  ["Supermarked", "retail", false],
  ["Byggemarked", "retail", false],
  ["Regnskab", "office", false],
  ["IT-drift", "it", true],
];
const PLACES = ["Nordby", "Fjordens", "Østervangs", "Havne", "Bakke", "Engholm", "Skovly", "Vestkyst", "Brobjerg", "Søndergaards"];
const FORMS = ["ApS", "A/S", "I/S"];
const PUBLIC_WORKPLACES: readonly (readonly [string, Sector])[] = [
  ["Plejecenter Solhøj", "health_care"],
  ["Plejecenter Enggården", "health_care"],
  ["Hjemmeplejen Øst", "health_care"],
  ["Vej og Park", "agriculture"],
  ["Daginstitution Mælkebøtten", "education"],
  ["Kantinen på Rådhuset", "hospitality"],
  ["Genbrugspladsen", "cleaning"],
  ["Borgerservice", "office"],
];
const GIVEN = ["Mette", "Lars", "Hanne", "Søren", "Camilla", "Jens", "Anne", "Peter", "Louise", "Mikkel", "Sara", "Kasper", "Maria", "Thomas"];
const SURNAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Poulsen"];

function makeEmployers(random: Random, municipality: string): Employer[] {
  const employers: Employer[] = [];
  const seen = new Set<string>();
  const pNumber = () => String(between(random, 1_000_000_000, 1_999_999_999));
  for (const [trade, sector, shortage] of TRADES) {
    for (let i = 0; i < 3; i += 1) {
      const name = `${pick(random, PLACES)} ${trade} ${pick(random, FORMS)}`.replace("Nordby", municipality);
      if (seen.has(name)) continue;
      seen.add(name);
      employers.push({ name, cvr: makeCvr(random), pNumber: pNumber(), employees: between(random, 4, 180), sector, public: false, shortage });
    }
  }
  const municipalCvr = makeCvr(random);
  for (const [unit, sector] of PUBLIC_WORKPLACES) {
    employers.push({
      name: `${municipality} Kommune, ${unit}`,
      cvr: municipalCvr,
      pNumber: pNumber(),
      employees: between(random, 20, 250),
      sector,
      public: true,
      shortage: sector === "health_care",
    });
  }
  return employers;
}

/** Placement types and how often each is registered. */
const TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ["virksomhedspraktik", 70],
  ["loentilskud", 11],
  ["igu", 7],
  ["ordinaer", 6],
  ["laerling", 4],
  ["fleksjob", 2],
  ["lommepengejob", 3],
];
/** Target groups of the people placed, weighted (introduktionsprogram: the agreements are about refugees). */
const GROUPS: readonly (readonly [string, number, number])[] = [
  // key, weight, praktik weeks (LAB § 61)
  ["introduktionsprogram", 45, 13],
  ["aktivitetsparat", 20, 13],
  ["kontanthjaelp_jobparat", 15, 4],
  ["dagpenge", 10, 4],
  ["over_50_langtidsledig", 5, 8],
  ["sygedagpenge", 5, 13],
];
/** Types the municipality approves (LAB kap. 11) before they count. */
const APPROVED_BY_MUNICIPALITY = new Set(["virksomhedspraktik", "loentilskud", "igu"]);

export type DemoCounts = { partnership: string; placements: number; supportRequests: number; quarterlyStatuses: number };

type Plan = { seed: SeedPartnership; count: number; randomSeed: number };

/**
 * Loads the example partnerships and this year's demo partnership, with generated placements,
 * support requests, quarterly statuses, contacts and (for the demo) a jobcenter channel and a
 * digest channel in the Playground's team. A partnership that already has placements is left
 * as it is, so running it again changes nothing.
 */
export async function seedDemo(prisma: PrismaClient, opts: { today: IsoDate }): Promise<DemoCounts[]> {
  const year = Number(opts.today.slice(0, 4));
  const demo = demoPartnership(year);
  await seedPartnerships(prisma, [AALBORG_2016, FREDERICIA_2013, demo]);
  const plans: Plan[] = [
    { seed: demo, count: 440, randomSeed: year },
    { seed: AALBORG_2016, count: 420, randomSeed: 2016 },
    { seed: FREDERICIA_2013, count: 60, randomSeed: 2013 },
  ];
  const counts: DemoCounts[] = [];
  for (const plan of plans) {
    const partnership = await prisma.partnership.findUniqueOrThrow({ where: { slug: plan.seed.slug } });
    if ((await prisma.placement.count({ where: { partnershipId: partnership.id } })) > 0) continue;
    // One transaction per partnership: one commit instead of hundreds (PGlite on disk syncs each).
    counts.push(
      await prisma.$transaction((tx) => fillPartnership(tx, partnership.id, plan, opts.today, plan.seed === demo), { maxWait: 60_000, timeout: 600_000 }),
    );
  }
  return counts;
}

async function fillPartnership(prisma: Db, partnershipId: string, plan: Plan, today: IsoDate, isDemo: boolean): Promise<DemoCounts> {
  const random = seededRandom(plan.randomSeed);
  const { seed } = plan;
  const [organisations, types] = await Promise.all([
    prisma.organisation.findMany({ where: { partnershipId } }),
    prisma.placementType.findMany({ where: { partnershipId } }),
  ]);
  const orgByName = new Map(organisations.map((o) => [o.name, o]));
  const typeByKey = new Map(types.map((t) => [t.key, t]));
  const jobcenter = organisations.find((o) => o.kind === "jobcenter")!;
  const partners = organisations.filter((o) => o.kind !== "jobcenter");

  // People: one made-up contact per organisation, plus the Playground's three in the demo.
  const workspace = PLAYGROUND_TENANT;
  const contacts: Prisma.ContactCreateManyInput[] = organisations.map((o, i) => ({
    platform: "teams",
    workspaceId: workspace,
    userId: `demo-${seed.slug}-${i}`,
    organisationId: o.id,
    role: o.kind === "jobcenter" ? "jobcenter_staff" : "partner_contact",
    displayName: `${pick(random, GIVEN)} ${pick(random, SURNAMES)}`,
    createdBy: "system:demo",
  }));
  if (isDemo) {
    for (const [key, who] of Object.entries(PLAYGROUND_ORGANISATIONS)) {
      const person = PLAYGROUND_PEOPLE[key as keyof typeof PLAYGROUND_PEOPLE];
      contacts.push({
        platform: "teams",
        workspaceId: workspace,
        userId: person.aadObjectId,
        organisationId: orgByName.get(who.organisation)!.id,
        role: who.role,
        displayName: person.name,
        // The Playground always says en-US; the demo's people have chosen Danish (`sprog da`).
        locale: "da",
        createdBy: "system:demo",
      });
    }
  }
  await prisma.contact.createMany({ data: contacts, skipDuplicates: true });
  const contactOf = new Map(contacts.map((c) => [c.organisationId, c]));
  const refOf = (c: Prisma.ContactCreateManyInput) => `${c.platform}:${c.workspaceId}:${c.userId}`;
  const caseworker = contactOf.get(jobcenter.id)!;

  const employers = makeEmployers(random, seed.municipality);
  await prisma.company.createMany({
    data: employers.map((e) => ({ cvr: e.cvr, name: e.public ? `${seed.municipality} Kommune` : e.name })),
    skipDuplicates: true,
  });
  const companies = await prisma.company.findMany({ where: { cvr: { in: employers.map((e) => e.cvr) } }, select: { id: true, cvr: true } });
  const companyIds = new Map(companies.map((c) => [c.cvr, c.id]));
  await prisma.workplace.createMany({
    data: employers.map((e) => ({
      companyId: companyIds.get(e.cvr)!,
      pNumber: e.pNumber,
      ordinaryEmployeesFte: e.employees,
      asOf: dateFromIso(seed.periodStart),
    })),
    skipDuplicates: true,
  });
  const workplaces = await prisma.workplace.findMany({ where: { pNumber: { in: employers.map((e) => e.pNumber) } }, select: { id: true, pNumber: true } });
  const workplaceIds = new Map(workplaces.map((w) => [w.pNumber, w.id]));

  // Registrations run from the period's start to today (or the period's end), a little more
  // towards the end as the partnership gets going.
  const lastStart = seed.periodEnd < today ? seed.periodEnd : addDays(today, 14);
  const spanDays = Math.max(1, Math.round((dateFromIso(lastStart).getTime() - dateFromIso(seed.periodStart).getTime()) / 86_400_000));
  const typeWeights = TYPE_WEIGHTS.filter(([key]) => typeByKey.has(key));
  const placements: Prisma.PlacementCreateManyInput[] = [];
  for (let n = 0; n < plan.count; n += 1) {
    const typeKey = weighted(random, typeWeights);
    const type = typeByKey.get(typeKey)!;
    const employer =
      typeKey === "lommepengejob"
        ? pick(
            random,
            employers.filter((e) => !e.public),
          )
        : pick(random, employers);
    const startDate = addDays(seed.periodStart, Math.floor(Math.sqrt(random()) * spanDays));
    const registeredOn = addDays(startDate, -between(random, 3, 20));
    const [group, , praktikWeeks] = weighted(
      random,
      GROUPS.map((g) => [g, g[1]] as const),
    );
    const weeks = typeKey === "virksomhedspraktik" ? praktikWeeks : typeKey === "loentilskud" ? 26 : typeKey === "igu" ? 104 : type.defaultWeeks;
    const endDate = weeks ? addDays(startDate, weeks * 7 - 1) : null;
    const organisation = pick(random, partners);
    const registrant = contactOf.get(organisation.id)!;
    const needsApproval = APPROVED_BY_MUNICIPALITY.has(typeKey);
    const fresh = registeredOn >= addDays(today, -21);
    let status: Prisma.PlacementCreateManyInput["status"] = "active";
    if (needsApproval && random() < 0.04) status = "refused";
    else if (needsApproval && fresh)
      status = weighted(random, [
        ["registered", 6],
        ["awaiting_confirmation", 2],
        ["active", 2],
      ] as const);
    else if (endDate && endDate < today) status = random() < 0.75 ? "completed" : "ended";
    else if (typeKey === "virksomhedspraktik" && random() < 0.15) status = "extended";
    // Approved before its start date: it becomes active on that day.
    if (status === "active" && needsApproval && startDate > today) status = "approved";
    const approved = status !== "registered" && status !== "awaiting_confirmation" && status !== "refused";
    const decidedAt = dateFromIso(addDays(registeredOn, between(random, 1, 5)));
    const endedOn = status === "ended" && endDate ? addDays(startDate, Math.floor(random() * (weeks ?? 4) * 7)) : null;
    placements.push({
      partnershipId,
      organisationId: organisation.id,
      companyId: companyIds.get(employer.cvr)!,
      companyName: employer.name,
      typeId: type.id,
      places: random() < 0.9 ? 1 : between(random, 2, 3),
      startDate: dateFromIso(startDate),
      weeks: status === "extended" && weeks ? weeks + 13 : weeks,
      endDate: endDate ? dateFromIso(status === "extended" ? addDays(endDate, 13 * 7) : endDate) : null,
      employerSector: employer.public ? "public" : "private",
      sector: employer.sector,
      shortageSector: employer.shortage,
      contactPerson: `${pick(random, GIVEN)} ${pick(random, SURNAMES)}`,
      needs: (["mentor", "interpreter", "danish"] as const).filter(() => random() < 0.3),
      status,
      outcome:
        status === "completed"
          ? weighted(random, [
              ["ordinary_job", 35],
              ["education", 15],
              ["igu", 10],
              ["continued_benefit", 40],
            ] as const)
          : null,
      endReason:
        status === "ended"
          ? weighted(random, [
              ["ordinary_job", 40],
              ["education", 15],
              ["illness", 20],
              ["other", 25],
            ] as const)
          : null,
      endedOn: endedOn ? dateFromIso(endedOn) : null,
      extensionReason: null,
      createdBy: refOf(registrant),
      createdAt: dateFromIso(registeredOn),
      idempotencyKey: `demo:${seed.slug}:${n}`,
      workplaceId: type.countsForRatio || typeKey === "igu" ? workplaceIds.get(employer.pNumber)! : null,
      ordinaryEmployeesFte: type.countsForRatio || typeKey === "igu" ? employer.employees : null,
      ordinaryEmployeesAsOf: type.countsForRatio || typeKey === "igu" ? dateFromIso(registeredOn) : null,
      benefitGroup: needsApproval ? group : null,
      hoursPerWeek: typeKey === "igu" ? between(random, 25, 37) : typeKey === "virksomhedspraktik" ? between(random, 4, 7) * 5 : 37,
      purpose: typeKey === "virksomhedspraktik" ? pick(random, ["ordinary_hours", "skills", "clarify_goals"]) : null,
      representativeName: employer.employees > 1 ? `${pick(random, GIVEN)} ${pick(random, SURNAMES)}` : null,
      representativeConfirmed: status !== "awaiting_confirmation",
      approvedAt: needsApproval && approved ? decidedAt : null,
      approvedBy: needsApproval && approved ? refOf(caseworker) : null,
      refusedAt: status === "refused" ? decidedAt : null,
      refusedBy: status === "refused" ? refOf(caseworker) : null,
      refusalReason: status === "refused" ? "Virksomheden har ikke plads til flere i støttet beskæftigelse lige nu" : null,
      decidedByName: needsApproval && status !== "registered" && status !== "awaiting_confirmation" ? caseworker.displayName : null,
      caseReference: makePseudonym(random),
    });
  }
  await prisma.placement.createMany({ data: placements });

  const supportRequests = await seedSupportRequests(prisma, random, { partnershipId, placements, contactOf, caseworker, refOf, today, seed });
  const quarterlyStatuses = await seedQuarterlyStatuses(prisma, random, { organisations: partners, contactOf, refOf, today, seed });
  if (isDemo) await linkPlaygroundChannels(prisma, partnershipId);
  await writeAudit(prisma, {
    actor: "system:demo",
    entity: "partnership",
    entityId: partnershipId,
    action: "demo",
    after: { placements: placements.length, supportRequests, quarterlyStatuses },
  });
  return { partnership: seed.slug, placements: placements.length, supportRequests, quarterlyStatuses };
}

async function seedSupportRequests(
  prisma: Db,
  random: Random,
  ctx: {
    partnershipId: string;
    placements: Prisma.PlacementCreateManyInput[];
    contactOf: Map<string, Prisma.ContactCreateManyInput>;
    caseworker: Prisma.ContactCreateManyInput;
    refOf: (c: Prisma.ContactCreateManyInput) => string;
    today: IsoDate;
    seed: SeedPartnership;
  },
): Promise<number> {
  const rows = await prisma.placement.findMany({
    where: { partnershipId: ctx.partnershipId, status: { in: ["active", "extended", "completed", "ended"] } },
    select: { id: true, organisationId: true, startDate: true },
    orderBy: { idempotencyKey: "asc" },
  });
  const lastDay = [ctx.seed.periodEnd, ctx.today].sort()[0]!;
  const data: Prisma.SupportRequestCreateManyInput[] = [];
  const kinds = ["interpreter", "mentor", "visit", "danish", "upskilling"] as const;
  const count = Math.min(60, Math.round(rows.length / 6));
  for (let n = 0; n < count; n += 1) {
    const placement = pick(random, rows);
    const requester = ctx.contactOf.get(placement.organisationId)!;
    const kind = kinds[n % kinds.length]!;
    // The most recent ones are still open or taken, some of them overdue; older ones are closed.
    const recent = n >= count - 12;
    const requestedOn = recent ? addDays(lastDay, -between(random, 0, 8)) : addDays(lastDay, -between(random, 9, 200));
    const requestedAt = new Date(`${requestedOn}T0${between(random, 7, 9)}:${between(random, 10, 59)}:00.000Z`);
    const dueOn = addBusinessDays(requestedOn, kind === "visit" ? 1 : 3);
    const status = recent ? (n % 3 === 0 ? "taken" : "open") : random() < 0.85 ? "done" : "declined";
    const held = status !== "open";
    data.push({
      partnershipId: ctx.partnershipId,
      organisationId: placement.organisationId,
      placementId: placement.id,
      kind,
      status,
      wantedOn: dateFromIso(addBusinessDays(requestedOn, 2)),
      timeWindow: kind === "visit" || kind === "interpreter" ? "09:00-11:00" : null,
      language: kind === "interpreter" ? pick(random, ["arabisk", "tigrinya", "dari", "somali", "ukrainsk"]) : null,
      hoursPerWeek: kind === "mentor" ? 2 : null,
      weeks: kind === "mentor" ? 13 : null,
      requestedAt,
      dueAt: new Date(`${dueOn}T15:00:00.000Z`),
      requestedBy: ctx.refOf(requester),
      requesterName: requester.displayName ?? null,
      holder: held ? ctx.refOf(ctx.caseworker) : null,
      holderName: held ? (ctx.caseworker.displayName ?? null) : null,
      takenAt: held ? new Date(requestedAt.getTime() + 3_600_000) : null,
      closedAt: status === "done" || status === "declined" ? new Date(requestedAt.getTime() + 2 * 86_400_000) : null,
      declineReason: status === "declined" ? "Dækket af virksomhedens egen mentor" : null,
      idempotencyKey: `demo:${ctx.seed.slug}:request:${n}`,
    });
  }
  await prisma.supportRequest.createMany({ data });
  return data.length;
}

async function seedQuarterlyStatuses(
  prisma: Db,
  random: Random,
  ctx: {
    organisations: { id: string; name: string }[];
    contactOf: Map<string, Prisma.ContactCreateManyInput>;
    refOf: (c: Prisma.ContactCreateManyInput) => string;
    today: IsoDate;
    seed: SeedPartnership;
  },
): Promise<number> {
  const data: Prisma.QuarterlyStatusCreateManyInput[] = [];
  const start = Number(ctx.seed.periodStart.slice(0, 4));
  for (let q: Quarter = { year: start, quarter: 1 }; firstDayOf(q) <= ctx.seed.periodEnd; q = nextQuarter(q)) {
    if (lastDayOf(q) >= ctx.today) break;
    const label = formatQuarter(q);
    const newest = lastDayOf(nextQuarter(q)) >= ctx.today;
    for (const organisation of ctx.organisations) {
      // In the newest finished quarter a few organisations have not filed yet.
      if (newest && random() < 0.3) continue;
      const author = ctx.refOf(ctx.contactOf.get(organisation.id)!);
      data.push({
        organisationId: organisation.id,
        quarter: label,
        activities: pick(random, [
          "Virksomhedsbesøg og opfølgning på igangværende praktikker.",
          "Informationsmøde for medlemsvirksomheder om praktik og IGU.",
          "Kontakt til nye virksomheder i bygge- og anlægsbranchen.",
          "Netværksmøde med tillidsrepræsentanter om modtagelse af praktikanter.",
        ]),
        companiesContacted: between(random, 2, 25),
        placementsHelped: between(random, 0, 12),
        iguAgreements: between(random, 0, 3),
        eventsHeld: between(random, 0, 2),
        plan: pick(random, [
          "Flere private praktikpladser i mangelbrancher.",
          "Opfølgning på forlængelser og overgang til ordinære job.",
          "Et fælles arrangement med jobcentret for nye virksomheder.",
        ]),
        createdBy: author,
        updatedBy: author,
        createdAt: dateFromIso(addDays(lastDayOf(q), between(random, 1, 10))),
      });
    }
  }
  await prisma.quarterlyStatus.createMany({ data, skipDuplicates: true });
  return data.length;
}

/** The demo's jobcenter channel and weekly digest channel, in the Playground's team. */
async function linkPlaygroundChannels(prisma: Db, partnershipId: string): Promise<void> {
  const base = { platform: "teams" as const, workspaceId: PLAYGROUND_TENANT, partnershipId, createdBy: "system:demo", locale: "da" };
  await prisma.channelLink.createMany({
    data: [
      { ...base, channelId: PLAYGROUND_TEAM.jobcenterChannel.id, purpose: "jobcenter" },
      { ...base, channelId: PLAYGROUND_TEAM.partnerChannel.id, purpose: "digest", weekday: 1, time: "08:00" },
    ],
    skipDuplicates: true,
  });
  await pointPlaygroundChannels(prisma, PLAYGROUND_DEFAULT_PORT);
}

/** Where the bot posts into the Playground's team channels: its connector, on the port it runs on. */
export async function pointPlaygroundChannels(prisma: Db, port: number): Promise<void> {
  for (const channel of [PLAYGROUND_TEAM.jobcenterChannel, PLAYGROUND_TEAM.partnerChannel]) {
    const key = { platform: "teams" as const, workspaceId: PLAYGROUND_TENANT, conversationId: channel.id };
    const data = { serviceUrl: playgroundServiceUrl(port), kind: "channel", userId: null, botId: PLAYGROUND_BOT.id };
    await prisma.conversationRef.upsert({
      where: { platform_workspaceId_conversationId: key },
      create: { ...key, ...data },
      update: data,
    });
  }
}
