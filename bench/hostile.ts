// `npm run hostile [-- --per-form 2000 --seed 1 --only support.decline]` (HOSTILE_DEBUG=1 prints each logged error and stored CPR-shaped value): the bot as a hostile user meets it, on
// in-memory PGlite with the example partnerships, through the Bot (the layer both adapters call).
//   (a) every form the bot has gets `perForm` mutated submissions from a seeded PRNG: values of
//       the wrong kind, out of range, CPR numbers in many spellings, NUL and control characters,
//       mention syntax, ids of another organisation, keys that name Object.prototype, tampered
//       routing state; sent by the secretariat, jobcenter staff, a partner of either of two
//       organisations and an unknown user. Every answer must be a field error, a clean refusal or
//       a save — never a fault — and nothing a partner sends may change another organisation.
//   (b) a role × command × button matrix with crafted ids (another organisation's placements
//       and requests, built-in property names, garbage): 0 faults, 0 of the other
//       organisation's data in any answer, 0 changes by someone not allowed to make them.
//   (c) afterwards, every stored text is scanned: 0 CPR-shaped values.
// Prints the figures and exits 1 when any of them is not 0. tests/hostile/ runs the same with
// fewer mutations per form; the same seed gives the same run.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { Bot, type BotReply, type SubmitReply } from "../src/bot/bot.js";
import { connectDatabase, type Database } from "../src/db/connect.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { createPrismaStore } from "../src/db/stores.js";
import { registerPlacement } from "../src/features/placements/register-placement.js";
import { createI18n } from "../src/i18n/index.js";
import { resolveAccess } from "../src/kernel/access.js";
import type { Actor } from "../src/kernel/actor.js";
import { actorRef } from "../src/kernel/actor.js";
import { COMMANDS } from "../src/kernel/commands.js";
import { containsCpr } from "../src/kernel/cpr.js";
import type { FormField, FormValues, FormView } from "../src/kernel/form.js";
import { seedPartnerships } from "../src/seed/seed-database.js";

/** mulberry32: small, fast and the same everywhere, so a seed replays a run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** CPR numbers as people type them (the law's personal data; none may be stored). */
const CPR_SPELLINGS = [
  "010190-1234",
  "0101901234",
  "01 01 90 1234",
  "010190 1234",
  "010190–1234",
  "010190\u00a01234",
  "010190\u200b1234",
  "010190/1234",
  "010190_1234",
  "010190.1234",
  "0101 90 1234",
  "０１０１９０－１２３４",
  "cpr 311299-9999",
];

const HOSTILE_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "<!channel>",
  "<!here|here>",
  "<@U0SOMEONE>",
  "<at>Praktikbot</at>",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "x".repeat(301),
  "y".repeat(10_000),
  "\u202eevil",
  "😀".repeat(50),
  '\'; DROP TABLE "Placement"; --',
  "{{t}} $t(errors:form_expired)",
  "syg med depression",
  "muslim",
  ...CPR_SPELLINGS,
];
const HOSTILE_NUMBERS = ["-1", "0", "1e309", "NaN", "Infinity", "0x10", "1.5", "999999999999", "1,5", " 3 ", "٣", "", "-0"];
const HOSTILE_DATES = [
  "1900-01-01",
  "9999-12-31",
  "2026-13-01",
  "2016-02-30",
  "+010000-01-01",
  "0000-00-00",
  "2016-10-03T00:00:00Z",
  "03-10-2016",
  "",
  "\u0000",
];

type FieldValue = string | string[];

function plausible(field: FormField, rng: Rng): FieldValue | undefined {
  switch (field.kind) {
    case "text":
      return rng.pick(["Aalborg Portland A/S", "Hanne Jensen", "Note om praktikken", "24256790", "1000000001", "arabisk", "Kursus i svejsning"]);
    case "number":
      return String(rng.int(field.min, Math.min(field.max, field.min + 40)));
    case "date":
      return `2016-${String(rng.int(10, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
    case "select":
    case "radio":
    case "user": {
      const options = [...field.options, ...(field.kind === "select" ? (field.groups ?? []).flatMap((g) => g.options) : [])];
      return options.length > 0 ? rng.pick(options).value : undefined;
    }
    case "checkboxes":
      return field.options.filter(() => rng.chance(0.3)).map((o) => o.value);
    case "static":
      return undefined;
  }
}

/** Leaves NUL out of every pool: for a run on code that does not clean it from text yet. */
let withoutNul = false;
const usable = (pool: readonly string[]) => (withoutNul ? pool.filter((v) => !v.includes("\u0000")) : pool);

function hostile(field: FormField, rng: Rng, foreignIds: readonly string[]): FieldValue {
  const roll = rng.next();
  if (roll < 0.08) return [rng.pick(usable(HOSTILE_TEXT)), rng.pick(foreignIds)];
  if (roll < 0.18) return rng.pick(foreignIds);
  switch (field.kind) {
    case "number":
      return rng.chance(0.7) ? rng.pick(HOSTILE_NUMBERS) : rng.pick(usable(HOSTILE_TEXT));
    case "date":
      return rng.chance(0.7) ? rng.pick(usable(HOSTILE_DATES)) : rng.pick(usable(HOSTILE_TEXT));
    case "checkboxes":
      return rng.chance(0.5) ? [rng.pick(usable(HOSTILE_TEXT)), rng.pick(usable(HOSTILE_TEXT))] : rng.pick(usable(HOSTILE_TEXT));
    default: {
      const text = rng.pick(usable(HOSTILE_TEXT));
      // A CPR number inside ordinary text, as well as on its own.
      return rng.chance(0.3) ? `Kontakt ${text} i morgen` : text;
    }
  }
}

function mutatedValues(form: FormView, rng: Rng, foreignIds: readonly string[]): FormValues {
  const values: FormValues = {};
  const rate = rng.pick([0.05, 0.2, 0.5, 1]);
  for (const field of form.fields) {
    if (rng.chance(0.05)) continue;
    const value = rng.chance(rate) ? hostile(field, rng, foreignIds) : plausible(field, rng);
    if (value !== undefined) values[field.id] = value;
  }
  if (rng.chance(0.1)) {
    const extra = rng.pick(["__proto__", "constructor", "prototype", "toString", `x${"y".repeat(300)}`, "organisationId"]);
    Object.defineProperty(values, extra, { value: rng.pick(usable(HOSTILE_TEXT)), enumerable: true, configurable: true, writable: true });
  }
  return values;
}

function mutatedState(form: FormView, rng: Rng, foreignIds: readonly string[]): Record<string, string> {
  if (!rng.chance(0.15)) return form.state;
  const state = { ...form.state };
  const keys = Object.keys(state);
  const key = keys.length > 0 && rng.chance(0.7) ? rng.pick(keys) : rng.pick(["organisationId", "placementId", "requestId", "kind", "__proto__"]);
  Object.defineProperty(state, key, {
    value: rng.chance(0.6) ? rng.pick(foreignIds) : rng.pick(usable(HOSTILE_TEXT)),
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return state;
}

export type FormFigures = {
  form: string;
  sent: number;
  /** The form did not open (e.g. nothing left to act on); nothing sent. */
  notOpened: number;
  /** Refused at a field of the form. */
  fieldErrors: number;
  /** Refused as a whole, cleanly (no access, not allowed, no longer valid). */
  refused: number;
  stored: number;
  /** A fault reported to the person, or an error thrown out of the Bot. */
  faults: number;
  /** A field error at an id that is not a field of the form. */
  strayErrors: number;
};

export type HostileReport = {
  seed: number;
  forms: FormFigures[];
  matrix: { requests: number; faults: number; leaks: number; unauthorisedChanges: number };
  storedCprValues: number;
  /** Rows a partner's submissions stored for another organisation. */
  crossOrganisationRows: number;
  /** Lines the bot logged at error level or above. */
  errorLogLines: number;
};

type Cast = { admin: Actor; staff: Actor; partnerA: Actor; partnerB: Actor; unknown: Actor };

const TEAM = "T0001";
const actor = (userId: string): Actor => ({ platform: "slack", workspaceId: TEAM, userId, locale: "da" });
const SECRET_A = "Hemmelig A ApS";
const SECRET_B = "Hemmelig B ApS";

async function setUp(db: Database) {
  const prisma = db.prisma;
  const partnership = await prisma.partnership.findFirstOrThrow({ where: { slug: "aalborg-2016" } });
  const orgs = await prisma.organisation.findMany({ where: { partnershipId: partnership.id }, orderBy: { name: "asc" } });
  const jobcenter = orgs.find((o) => o.kind === "jobcenter") ?? orgs[0]!;
  const [orgA, orgB] = orgs.filter((o) => o.id !== jobcenter.id);
  if (!orgA || !orgB) throw new Error("the example partnership needs two partner organisations");
  const cast: Cast = { admin: actor("UADMIN"), staff: actor("USTAFF"), partnerA: actor("UPARTNERA"), partnerB: actor("UPARTNERB"), unknown: actor("UNOBODY") };
  const contact = (who: Actor, organisationId: string, role: "jobcenter_staff" | "partner_contact") =>
    prisma.contact.create({ data: { platform: "slack", workspaceId: TEAM, userId: who.userId, organisationId, role, createdBy: "hostile" } });
  await contact(cast.staff, jobcenter.id, "jobcenter_staff");
  await contact(cast.partnerA, orgA.id, "partner_contact");
  await contact(cast.partnerB, orgB.id, "partner_contact");
  return { partnership, orgA, orgB, cast };
}

export async function runHostile(opts: {
  db: Database;
  perForm: number;
  seed: number;
  /** Send no NUL characters (default: send them). */
  withoutNul?: boolean;
  progress?: (line: string) => void;
  /** Only the forms whose name starts with this (e.g. "support.decline"); every form when absent. */
  only?: string;
}): Promise<HostileReport> {
  const { db } = opts;
  withoutNul = opts.withoutNul ?? false;
  let errorLogLines = 0;
  const logger = pino(
    { level: "error" },
    {
      write: (line: string) => {
        errorLogLines += 1;
        if (process.env.HOSTILE_DEBUG) console.error(line.slice(0, 700));
      },
    },
  );
  const store = createPrismaStore(db.prisma);
  const bot = new Bot({
    store,
    i18n: createI18n("da"),
    admins: new Set(["UADMIN"]),
    timezone: "Europe/Copenhagen",
    clock: () => new Date("2016-10-03T09:00:00Z"),
    logger,
  });
  const { orgA, orgB, cast } = await setUp(db);
  const rng = prng(opts.seed);

  // Each organisation's own placement and request, with names the other must never see.
  const placementFor = async (who: Actor, organisationId: string, companyName: string) => {
    const opened = await bot.handleCommand(who, "ny", "slack");
    if (opened.kind !== "form") throw new Error("ny opened no form");
    const type = opened.form.fields.find((f) => f.id === "typeId");
    const ordinary =
      type && type.kind === "select"
        ? [...type.options, ...(type.groups ?? []).flatMap((g) => g.options)].find((o) => /ordinær|Ordinær/i.test(o.label))
        : undefined;
    const values: FormValues = {
      organisationId,
      companyName,
      // Each organisation its own company: a shared company's name is another matter.
      cvr: companyName === SECRET_A ? "24256790" : "20000007",
      employerSector: "private",
      sector: "construction",
      shortageSector: "no",
      typeId: ordinary?.value ?? "",
      places: "1",
      startDate: "2016-10-10",
      contactPerson: "Hanne Jensen",
      caseReference: companyName === SECRET_A ? "SAG-AAAA-1" : "SAG-BBBB-2",
    };
    const saved = await bot.submitForm(who, { formId: opened.form.formId, nonce: randomUUID(), state: opened.form.state, values });
    if (saved.kind !== "done") throw new Error(`the ${companyName} placement was not saved: ${JSON.stringify(saved).slice(0, 400)}`);
  };
  await placementFor(cast.partnerA, orgA.id, SECRET_A);
  await placementFor(cast.partnerB, orgB.id, SECRET_B);
  const placementOf = async (organisationId: string) => (await db.prisma.placement.findFirstOrThrow({ where: { organisationId } })).id;
  const placementA = await placementOf(orgA.id);
  const placementB = await placementOf(orgB.id);
  // Organisation B's open request, which organisation A must not be able to take, close or decline.
  const requestB = await db.prisma.supportRequest.create({
    data: {
      partnershipId: orgB.partnershipId,
      organisationId: orgB.id,
      placementId: placementB,
      kind: "visit",
      dueAt: new Date("2016-10-05T14:00:00Z"),
      requestedBy: actorRef(cast.partnerB),
      note: SECRET_B,
      idempotencyKey: "hostile:request-b",
    },
  });
  const foreignIds = [orgA.id, orgB.id, placementA, placementB, requestB.id, randomUUID(), "__proto__", "toString", "constructor", ""];

  // (b) role × command × button, with crafted ids — first, before the forms below change who
  // belongs where (the contact form gives people roles).
  const audited = () => db.prisma.auditEvent.count();
  const matrix = { requests: 0, faults: 0, leaks: 0, unauthorisedChanges: 0 };
  const values = [
    placementA,
    placementB,
    requestB.id,
    `visit:${placementB}`,
    "__proto__",
    "constructor",
    "",
    "x".repeat(5000),
    randomUUID(),
    `\u0000${placementB}`,
    `${placementA}\u200b`,
    `${requestB.id}\u0000`,
  ];
  const actionIds = [
    "support.take",
    "support.done",
    "support.decline",
    "support.choose",
    "support.open_form",
    "digest.extend",
    "digest.ends_as_planned",
    "placement.open_form",
    "placement.list",
    "placement.extend",
    "toString",
    "__proto__",
    "constructor",
    "hasOwnProperty",
  ];
  const words = [
    ...Object.values(COMMANDS).flat(),
    "toString",
    "__proto__",
    "constructor",
    `liste ${placementB}`,
    `indsigt SAG-BBBB-2`,
    `slet SAG-BBBB-2`,
    `indsigt SAG-AAAA-1`,
  ];
  const leaksFor = (who: Actor, reply: BotReply | SubmitReply, what: string): boolean => {
    const text = JSON.stringify(reply);
    if (process.env.HOSTILE_DEBUG && (text.includes(SECRET_A) || text.includes(SECRET_B))) console.error(who.userId, what, text.slice(0, 600));
    if (who === cast.partnerA) return text.includes(SECRET_B) || text.includes("SAG-BBBB-2");
    if (who === cast.partnerB) return text.includes(SECRET_A) || text.includes("SAG-AAAA-1");
    if (who === cast.unknown) return text.includes(SECRET_A) || text.includes(SECRET_B);
    return false;
  };
  for (const who of [cast.partnerA, cast.partnerB, cast.unknown, cast.staff]) {
    for (const word of words) {
      const before = await audited();
      matrix.requests += 1;
      const reply = await bot.handleCommand(who, word, "slack").catch(() => undefined);
      if (!reply || isFault(reply)) matrix.faults += 1;
      else if (leaksFor(who, reply, word)) matrix.leaks += 1;
      if (who !== cast.staff && (await audited()) !== before) matrix.unauthorisedChanges += 1;
    }
    for (const actionId of actionIds) {
      for (const value of values) {
        const before = await db.prisma.auditEvent.count({ where: { actor: actorRef(who) } });
        matrix.requests += 1;
        const reply = await bot.handleAction(who, actionId, "slack", value).catch(() => undefined);
        if (!reply || isFault(reply)) matrix.faults += 1;
        else if (leaksFor(who, reply, `${actionId} ${value.slice(0, 40)}`)) matrix.leaks += 1;
        // A partner may change only their own organisation's things; nobody unknown changes anything.
        const changes = await db.prisma.auditEvent.findMany({
          where: { actor: actorRef(who) },
          orderBy: [{ at: "asc" }, { id: "asc" }],
          skip: before,
          select: { entityId: true },
        });
        const foreign = who === cast.partnerA ? [placementB, requestB.id] : who === cast.partnerB ? [placementA] : who === cast.unknown ? undefined : [];
        if (foreign === undefined ? changes.length > 0 : changes.some((c) => foreign.includes(c.entityId))) matrix.unauthorisedChanges += 1;
      }
    }
  }

  // Placements the rule forms (extend, end, confirm, VITAS, exemption) act on, put back as they
  // were before every submission.
  const praktikType = await db.prisma.placementType.findFirstOrThrow({ where: { partnershipId: orgA.partnershipId, key: "virksomhedspraktik" } });
  const adminAccess = await resolveAccess(store, cast.admin, new Set(["UADMIN"]));
  const rulePlacements: string[] = [];
  for (const [i, confirmed] of [true, true, false, false].entries()) {
    const saved = await registerPlacement(
      store,
      adminAccess,
      {
        organisationId: orgA.id,
        companyName: SECRET_A,
        cvr: "24256790",
        employerSector: "private",
        sector: "construction",
        shortageSector: false,
        typeId: praktikType.id,
        places: 1,
        startDate: "2016-10-10",
        weeks: 4,
        contactPerson: "Hanne Jensen",
        needs: [],
        note: undefined,
        pNumber: `100000050${i}`,
        ordinaryEmployees: 40,
        benefitGroup: "integrationsprogram",
        hoursPerWeek: 30,
        purpose: "skills",
        representativeName: confirmed ? "Jens Tillid" : undefined,
        representativeConfirmed: confirmed,
      },
      `hostile:rules:${i}`,
    );
    if (saved.kind !== "saved") throw new Error(`rule placement ${i} not saved: ${JSON.stringify(saved).slice(0, 300)}`);
    rulePlacements.push(saved.placement.id);
  }
  const original = await db.prisma.placement.findMany({ where: { id: { in: rulePlacements } } });
  const resetRulePlacements = () =>
    db.prisma.$transaction(
      original.map((p) =>
        db.prisma.placement.update({
          where: { id: p.id },
          data: { status: p.status, endDate: p.endDate, weeks: p.weeks, endedOn: null, representativeConfirmed: p.representativeConfirmed },
        }),
      ),
    );

  // Rows a partner has stored outside the organisation they belong to now. The contact form
  // moves people between organisations, so each stored submission is held against the sender's
  // organisation at that moment.
  let crossOrganisationRows = 0;
  const crossRowsOf = async (who: Actor): Promise<number | undefined> => {
    if (who !== cast.partnerA && who !== cast.partnerB) return undefined;
    const contact = await db.prisma.contact.findFirst({ where: { platform: who.platform, workspaceId: who.workspaceId, userId: who.userId } });
    if (contact?.role !== "partner_contact") return undefined;
    const ref = actorRef(who);
    return (
      (await db.prisma.placement.count({ where: { createdBy: ref, organisationId: { not: contact.organisationId } } })) +
      (await db.prisma.supportRequest.count({ where: { requestedBy: ref, organisationId: { not: contact.organisationId } } }))
    );
  };

  // (a) every form, mutated.
  const opener: Record<string, { who: Actor; open: () => Promise<BotReply>; reset?: () => Promise<unknown> }> = {};
  const resetFor: Record<string, () => Promise<unknown>> = {
    forlæng: resetRulePlacements,
    afslut: resetRulePlacements,
    bekræft: resetRulePlacements,
    dispensation: resetRulePlacements,
  };
  const openWith = (who: Actor, text: string) => () => bot.handleCommand(who, text, "slack");
  for (const [who, text] of [
    [cast.admin, "ny"],
    [cast.partnerA, "ny"],
    [cast.admin, "admin"],
    [cast.partnerA, "tolk"],
    [cast.partnerA, "status"],
    [cast.admin, "forlæng"],
    [cast.admin, "afslut"],
    [cast.admin, "bekræft"],
    [cast.admin, "vitas"],
    [cast.admin, "dispensation"],
  ] as const) {
    const reply = await openWith(who, text)();
    const reset = resetFor[text];
    if (reply.kind === "form") opener[`${reply.form.formId} (${text} as ${who.userId})`] = { who, open: openWith(who, text), ...(reset ? { reset } : {}) };
  }
  opener[`support.decline (button as ${cast.admin.userId})`] = {
    who: cast.admin,
    open: () => bot.handleAction(cast.admin, "support.decline", "slack", requestB.id),
    reset: () => db.prisma.supportRequest.update({ where: { id: requestB.id }, data: { status: "open", holder: null, closedAt: null, declineReason: null } }),
  };
  const forms: FormFigures[] = [];
  for (const [name, { who, open, reset }] of Object.entries(opener).filter(([n]) => !opts.only || n.startsWith(opts.only))) {
    const figures: FormFigures = { form: name, sent: 0, notOpened: 0, fieldErrors: 0, refused: 0, stored: 0, faults: 0, strayErrors: 0 };
    for (let i = 0; i < opts.perForm; i++) {
      await reset?.();
      const opened = await open();
      if (opened.kind !== "form") {
        figures.notOpened += 1;
        continue;
      }
      const form = opened.form;
      const sender = rng.chance(0.7) ? who : rng.pick([cast.admin, cast.staff, cast.partnerA, cast.partnerB, cast.unknown]);
      const nonce = rng.chance(0.05) ? rng.pick(["", "x".repeat(500), form.nonce]) : randomUUID();
      let reply: SubmitReply;
      figures.sent += 1;
      const crossBefore = await crossRowsOf(sender);
      try {
        reply = await bot.submitForm(sender, {
          formId: form.formId,
          nonce,
          state: mutatedState(form, rng, foreignIds),
          values: mutatedValues(form, rng, foreignIds),
        });
      } catch {
        figures.faults += 1;
        continue;
      }
      if (reply.kind === "fault") figures.faults += 1;
      else if (reply.kind === "refused") figures.refused += 1;
      else if (reply.kind === "done") {
        figures.stored += 1;
        if (crossBefore !== undefined) crossOrganisationRows += Math.max(0, ((await crossRowsOf(sender)) ?? 0) - crossBefore);
      } else {
        figures.fieldErrors += 1;
        const ids = new Set(reply.form.fields.map((f) => f.id));
        if (Object.keys(reply.errors).some((id) => !ids.has(id))) figures.strayErrors += 1;
      }
    }
    forms.push(figures);
    opts.progress?.(`${name}: ${figures.sent} sent`);
  }

  // (c) what was stored.
  crossOrganisationRows += await db.prisma.placement.count({ where: { createdBy: actorRef(cast.unknown) } });
  return { seed: opts.seed, forms, matrix, storedCprValues: await storedCprValues(db), crossOrganisationRows, errorLogLines };
}

function isFault(reply: BotReply): boolean {
  // The fault view carries a reference to the log ("reference"); the Bot sends it only for faults.
  return JSON.stringify(reply).includes("noget gik galt");
}

/** Every stored text, as the tables hold it; ids and keys are not text a person typed. */
async function storedCprValues(db: Database): Promise<number> {
  let found = 0;
  const tables = ["Placement", "Company", "Workplace", "SupportRequest", "QuarterlyStatus", "Contact", "AuditEvent", "RatioExemption"];
  for (const table of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ row: unknown }[]>(`SELECT row_to_json(t) AS row FROM "${table}" t`).catch(() => []);
    for (const { row } of rows) {
      const walk = (value: unknown, key: string): void => {
        if (typeof value === "string") {
          if (!/(^id$|Id$|Key$|By$|^actor$|^pNumber$|^cvr$)/.test(key) && containsCpr(value)) {
            found += 1;
            if (process.env.HOSTILE_DEBUG) console.error(`CPR-shaped value in ${table}.${key}: ${JSON.stringify(value).slice(0, 200)}`);
          }
        } else if (Array.isArray(value)) {
          for (const v of value) walk(v, key);
        } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
      };
      walk(row, "");
    }
  }
  return found;
}

/** The figures that must all be 0. */
export function failures(report: HostileReport): string[] {
  const out: string[] = [];
  for (const f of report.forms) {
    if (f.faults > 0) out.push(`${f.form}: ${f.faults} faults`);
    if (f.strayErrors > 0) out.push(`${f.form}: ${f.strayErrors} errors not at a field`);
  }
  if (report.matrix.faults > 0) out.push(`matrix: ${report.matrix.faults} faults`);
  if (report.matrix.leaks > 0) out.push(`matrix: ${report.matrix.leaks} answers with another organisation's data`);
  if (report.matrix.unauthorisedChanges > 0) out.push(`matrix: ${report.matrix.unauthorisedChanges} unauthorised changes`);
  if (report.storedCprValues > 0) out.push(`${report.storedCprValues} CPR-shaped values stored`);
  if (report.crossOrganisationRows > 0) out.push(`${report.crossOrganisationRows} rows stored for another organisation`);
  if (report.errorLogLines > 0) out.push(`${report.errorLogLines} error lines logged`);
  return out;
}

export async function openHostileDatabase(): Promise<Database> {
  const db = await connectDatabase(parseDatabaseUrl("memory://"));
  await migrateDatabase(db);
  await seedPartnerships(db.prisma);
  return db;
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const perForm = arg("per-form", 2000);
  const seed = arg("seed", 1);
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const db = await openHostileDatabase();
  try {
    const report = await runHostile({ db, perForm, seed, progress: (line) => console.error(line), ...(only ? { only } : {}) });
    console.log(`hostile run, seed ${seed}, ${perForm} mutated submissions per form`);
    console.table(report.forms);
    const sent = report.forms.reduce((n, f) => n + f.sent, 0);
    const refused = report.forms.reduce((n, f) => n + f.fieldErrors + f.refused, 0);
    const stored = report.forms.reduce((n, f) => n + f.stored, 0);
    console.log(`submissions sent ${sent}, refused ${refused}, stored ${stored}, faults ${report.forms.reduce((n, f) => n + f.faults, 0)}`);
    console.log(
      `matrix: ${report.matrix.requests} requests, leaked ${report.matrix.leaks}, unauthorised changes ${report.matrix.unauthorisedChanges}, faults ${report.matrix.faults}`,
    );
    console.log(
      `CPR-shaped values stored ${report.storedCprValues}; rows for another organisation ${report.crossOrganisationRows}; error log lines ${report.errorLogLines}`,
    );
    const failed = failures(report);
    if (failed.length > 0) {
      console.log(`FAILED:\n  ${failed.join("\n  ")}`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
