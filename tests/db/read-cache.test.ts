// What each process keeps in memory (src/db/read-cache.ts) and how it learns that it changed
// (src/db/change-feed.ts): kept values are dropped when a table they came from changes, a read
// a change overtook is not kept, nothing that can change is kept while changes are not heard,
// and a real database — PGlite, or PostgreSQL with TEST_DATABASE_URL — announces exactly the
// committed changes of the tables it caches.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Change, ChangeFeed, tablesWritten } from "../../src/db/change-feed.js";
import { cachedReadsOf, ReadCache, withCachedEventList } from "../../src/db/read-cache.js";
import { createPrismaStores } from "../../src/db/stores.js";
import type { EventRecord } from "../../src/features/events/store.js";
import type { ContactRecord, OrganisationRecord, PartnershipRecord } from "../../src/kernel/records.js";
import type { AccessStore, PartnershipsStore } from "../../src/kernel/store.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

function sources() {
  const reads: string[] = [];
  const organisation: OrganisationRecord = { id: "o1", partnershipId: "p1", name: "Dansk Industri Aalborg", kind: "employers_association" };
  let contact: ContactRecord | undefined;
  const access: AccessStore = {
    findContact: async () => {
      reads.push("contact");
      return contact;
    },
    findPreferredLocale: async () => {
      reads.push("locale");
      return undefined;
    },
    getOrganisation: async (id) => {
      reads.push(`organisation:${id}`);
      return id === "o1" ? organisation : undefined;
    },
    listPartnerships: async () => {
      reads.push("partnerships");
      return [{ id: "p1" } as PartnershipRecord];
    },
  };
  const partnerships: PartnershipsStore = {
    getPartnership: async (id) => {
      reads.push(`partnership:${id}`);
      return undefined;
    },
    listOrganisations: async (ids) => {
      reads.push(`organisations:${ids.join(",")}`);
      return [organisation];
    },
    listPlacementTypes: async () => {
      reads.push("types");
      return [];
    },
    listTargets: async () => {
      reads.push("targets");
      return [];
    },
  };
  return { reads, access, partnerships, setContact: (c: ContactRecord | undefined) => (contact = c) };
}

const heardFeed = () => {
  const feed = new ChangeFeed();
  feed.setListening(true);
  return feed;
};

describe("the tables a statement writes, as this process notes them", () => {
  it("are the targets of INSERT, UPDATE, DELETE and TRUNCATE, with or without the schema", () => {
    expect(tablesWritten('INSERT INTO "public"."Contact" ("id") VALUES ($1) RETURNING "public"."Contact"."id"')).toEqual(["Contact"]);
    expect(tablesWritten('UPDATE "public"."Organisation" SET "name" = $1 WHERE "id" = $2')).toEqual(["Organisation"]);
    expect(tablesWritten('DELETE FROM "ChannelLink" WHERE "id" = $1')).toEqual(["ChannelLink"]);
    expect([...tablesWritten('TRUNCATE "Contact", "public"."Target" CASCADE')].sort()).toEqual(["Contact", "Target"]);
    expect(tablesWritten('WITH "x" AS (UPDATE "Partnership" SET "name" = $1 RETURNING "id") SELECT * FROM "x"')).toEqual(["Partnership"]);
  });

  it("are not the tables a write only reads, and nothing for a read", () => {
    // A placement inserted and read back with its organisation and type in one statement.
    const insertAndRead =
      'WITH "inserted" AS (INSERT INTO "Placement" ("id") VALUES ($1) ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING *) ' +
      'SELECT p.*, o."name" FROM "inserted" p JOIN "Organisation" o ON o."id" = p."organisationId" JOIN "PlacementType" t ON t."id" = p."typeId"';
    expect(tablesWritten(insertAndRead)).toEqual([]);
    expect(tablesWritten('INSERT INTO "AuditEvent" ("id", "entity") SELECT $1, \'x\' FROM "Contact"')).toEqual([]);
    expect(tablesWritten('SELECT * FROM "Contact" WHERE "id" = $1 FOR UPDATE')).toEqual([]);
    expect(tablesWritten('INSERT INTO "Company" ("id") VALUES ($1) ON CONFLICT ("cvr") DO UPDATE SET "name" = EXCLUDED."name"')).toEqual([]);
  });

  it("count a chat user's row only when the language is written", () => {
    expect(
      tablesWritten('INSERT INTO "public"."ChatUser" ("platform","lastSeenAt") VALUES ($1,$2) ON CONFLICT DO UPDATE SET "lastSeenAt" = $3 RETURNING "locale"'),
    ).toEqual([]);
    expect(tablesWritten('UPDATE "public"."ChatUser" SET "locale" = $1 WHERE "userId" = $2')).toEqual(["ChatUser"]);
  });

  it("give the same answer for a statement asked again, also after more texts than are remembered", () => {
    const update = 'UPDATE "Contact" SET "role" = $1 WHERE "id" = $2';
    const first = tablesWritten(update);
    expect(tablesWritten(update)).toEqual(["Contact"]);
    for (let i = 0; i < 2_500; i++) tablesWritten(`SELECT ${i} AS "n"`);
    expect(tablesWritten(update)).toEqual(first);
    expect(tablesWritten('SELECT * FROM "Contact"')).toEqual([]);
    // The answer is shared: it cannot be changed by a caller.
    expect(Object.isFrozen(tablesWritten(update))).toBe(true);
  });
});

describe("reads kept in memory", () => {
  it("keeps reference data for a while when changes are not heard, one read for callers at the same moment", async () => {
    const { reads, access, partnerships } = sources();
    let now = 0;
    const cached = cachedReadsOf(access, partnerships, new ReadCache(undefined, { now: () => now }));
    await Promise.all([cached.access.listPartnerships(), cached.access.listPartnerships(), cached.access.getOrganisation("o1")]);
    await cached.partnerships.listOrganisations(["p2", "p1"]);
    await cached.partnerships.listOrganisations(["p1", "p2"]);
    expect(reads).toEqual(["partnerships", "organisation:o1", "organisations:p2,p1"]);
    now = 30_001;
    await cached.access.listPartnerships();
    expect(reads.filter((r) => r === "partnerships")).toHaveLength(2);
  });

  it("reads who a person is and their language every time when changes are not heard", async () => {
    const { reads, access, partnerships } = sources();
    const feed = new ChangeFeed();
    const cached = cachedReadsOf(access, partnerships, new ReadCache(feed));
    for (let i = 0; i < 2; i += 1) {
      await cached.access.findContact("slack", "T1", ["U1"]);
      await cached.access.findPreferredLocale("slack", "T1", ["U1"]);
    }
    expect(reads).toEqual(["contact", "locale", "contact", "locale"]);
  });

  it("keeps who a person is while changes are heard, and drops it when a table it came from changes", async () => {
    const { reads, access, partnerships, setContact } = sources();
    const feed = heardFeed();
    const cached = cachedReadsOf(access, partnerships, new ReadCache(feed));
    const read = () => Promise.all([cached.access.findContact("slack", "T1", ["U1", "U0"]), cached.access.findPreferredLocale("slack", "T1", ["U0", "U1"])]);
    await read();
    await read();
    await cached.access.findContact("slack", "T1", ["U0", "U1"]);
    expect(reads).toEqual(["contact", "locale"]);

    feed.changed("Organisation");
    await read();
    expect(reads).toHaveLength(2);

    setContact({ id: "c1" } as ContactRecord);
    feed.changed("Contact");
    const [contact] = await read();
    expect(contact?.id).toBe("c1");
    expect(reads).toEqual(["contact", "locale", "contact", "locale"]);

    feed.changed("ChatUser");
    await read();
    expect(reads.slice(4)).toEqual(["locale"]);

    // A name the database does not announce means nothing; losing the connection drops everything.
    feed.changed("Placement");
    feed.changed("__proto__");
    await read();
    expect(reads).toHaveLength(5);
    feed.setListening(false);
    feed.setListening(true);
    await read();
    expect(reads).toHaveLength(7);
  });

  it("does not keep a read that a change overtook", async () => {
    const { reads, access, partnerships, setContact } = sources();
    const feed = heardFeed();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: AccessStore = {
      ...access,
      findContact: async (...args) => {
        const before = await access.findContact(...args);
        await gate;
        return before;
      },
    };
    const cached = cachedReadsOf(slow, partnerships, new ReadCache(feed));
    const first = cached.access.findContact("slack", "T1", ["U1"]);
    setContact({ id: "c1" } as ContactRecord);
    feed.changed("Contact");
    release();
    expect(await first).toBeUndefined();
    expect((await cached.access.findContact("slack", "T1", ["U1"]))?.id).toBe("c1");
    expect(reads).toEqual(["contact", "contact"]);
  });

  it("never keeps an organisation or partnership id that matches nothing, nor a failed read", async () => {
    const { reads, access, partnerships } = sources();
    const cached = cachedReadsOf(access, partnerships, new ReadCache(heardFeed()));
    for (const id of ["__proto__", "constructor", "missing", "missing"]) expect(await cached.access.getOrganisation(id)).toBeUndefined();
    await cached.partnerships.getPartnership("nope");
    await cached.partnerships.getPartnership("nope");
    expect(reads).toEqual([
      "organisation:__proto__",
      "organisation:constructor",
      "organisation:missing",
      "organisation:missing",
      "partnership:nope",
      "partnership:nope",
    ]);

    let fail = true;
    const flaky = cachedReadsOf(
      {
        ...access,
        listPartnerships: async () => {
          if (fail) throw new Error("connection reset");
          return access.listPartnerships();
        },
      },
      partnerships,
      new ReadCache(heardFeed()),
    );
    await expect(flaky.access.listPartnerships()).rejects.toThrow("connection reset");
    fail = false;
    expect(await flaky.access.listPartnerships()).toHaveLength(1);
  });

  it("is bounded: the oldest value goes first", async () => {
    const { reads, access, partnerships } = sources();
    const cached = cachedReadsOf(access, partnerships, new ReadCache(heardFeed(), { maxEntries: 2 }));
    for (const user of ["U1", "U2", "U3", "U1"]) await cached.access.findContact("slack", "T1", [user]);
    expect(reads).toHaveLength(4);
    await cached.access.findContact("slack", "T1", ["U3"]);
    expect(reads).toHaveLength(4);
  });

  it("hands out a list of its own each time: sorting it changes nothing kept", async () => {
    const { access, partnerships } = sources();
    const cached = cachedReadsOf(access, partnerships, new ReadCache(heardFeed()));
    const first = await cached.partnerships.listOrganisations(["p1"]);
    first.length = 0;
    expect(await cached.partnerships.listOrganisations(["p1"])).toHaveLength(1);
  });
});

describe("the events a form offers, kept per day", () => {
  const day = Date.UTC(2026, 11, 2);
  const event = (id: string, at: number, partnershipId = "p1") => ({ id, partnershipId, startsAt: new Date(at) }) as EventRecord;
  const events = [
    event("e0", day - 400 * 86_400_000),
    event("e1", day - 3_600_000),
    event("e2", day + 3_600_000),
    event("e3", day + 9 * 3_600_000),
    event("x", day, "p2"),
  ];

  function source() {
    const asked: { from: Date; to: Date; limit: number | undefined }[] = [];
    return {
      asked,
      store: {
        listEvents: async (ids: readonly string[], range: { from: Date; to: Date }, limit?: number) => {
          asked.push({ ...range, limit });
          return events
            .filter((e) => ids.includes(e.partnershipId) && e.startsAt >= range.from && e.startsAt < range.to)
            .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
            .slice(0, limit ?? 200);
        },
      },
    };
  }

  it("answers what the database would, from one read for the day", async () => {
    const { asked, store } = source();
    const feed = heardFeed();
    const cached = withCachedEventList(store, new ReadCache(feed));
    const yearBack = (now: number) => ({ from: new Date(now - 365 * 86_400_000), to: new Date(now) });
    for (const now of [day + 2 * 3_600_000, day + 10 * 3_600_000, day + 3_600_000]) {
      expect((await cached.listEvents(["p1"], yearBack(now))).map((e) => e.id)).toEqual((await store.listEvents(["p1"], yearBack(now))).map((e) => e.id));
    }
    expect(asked.filter((a) => a.limit !== undefined)).toHaveLength(1);
    feed.changed("Event");
    await cached.listEvents(["p1"], yearBack(day + 3_600_000));
    expect(asked.filter((a) => a.limit !== undefined)).toHaveLength(2);
  });

  it("asks the database each time when changes are not heard", async () => {
    const { asked, store } = source();
    const cached = withCachedEventList(store, new ReadCache(new ChangeFeed()));
    await cached.listEvents(["p1"], { from: new Date(day - 86_400_000), to: new Date(day) });
    await cached.listEvents(["p1"], { from: new Date(day - 86_400_000), to: new Date(day) });
    expect(asked).toHaveLength(2);
  });
});

describe("the database announces committed changes of the tables kept in memory", () => {
  let db: TestDatabase;
  const heard: Change[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    db.changes.subscribe((change) => heard.push(change));
    for (let i = 0; i < 100 && !db.changes.listening; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  afterAll(async () => {
    await db.drop();
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it("hears this process's own change by the time the write returns, and each change once it commits", async () => {
    expect(db.changes.listening).toBe(true);
    const organisation = await db.prisma.organisation.findFirstOrThrow();
    heard.length = 0;
    await db.prisma.organisation.update({ where: { id: organisation.id }, data: { name: organisation.name } });
    expect(heard).toContain("Organisation");

    await settle();
    heard.length = 0;
    await db.prisma
      .$transaction(async (tx) => {
        await tx.contact.deleteMany({ where: { id: "nobody" } });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await settle();
    // A rolled-back change is never announced by the database (this process may note its own write, which only costs a read).
    expect(heard.filter((c) => c !== "Contact")).toEqual([]);
  });

  it("announces a chat user's chosen language, not their being seen", async () => {
    const key = { platform: "slack" as const, workspaceId: "T1", userId: "U-seen" };
    heard.length = 0;
    await db.prisma.chatUser.create({ data: key });
    await settle();
    expect(heard).toEqual([]);
    await db.prisma.chatUser.create({ data: { ...key, userId: "U-chose", locale: "en" } });
    await settle();
    expect(heard).toContain("ChatUser");
    heard.length = 0;
    await db.prisma.chatUser.update({ where: { platform_workspaceId_userId: key }, data: { lastSeenAt: new Date() } });
    await settle();
    expect(heard).toEqual([]);
    await db.prisma.chatUser.update({ where: { platform_workspaceId_userId: key }, data: { locale: "en" } });
    await settle();
    expect(heard).toContain("ChatUser");
  });

  it("keeps who a person is until another connection changes it", async () => {
    const stores = createPrismaStores(db.prisma, { changes: db.changes }).store;
    const organisation = await db.prisma.organisation.findFirstOrThrow();
    const contact = await db.prisma.contact.create({
      data: {
        platform: "slack",
        workspaceId: "T1",
        userId: "U-kept",
        organisationId: organisation.id,
        role: "partner_contact",
        displayName: "Før",
        createdBy: "test",
      },
    });
    const find = () => stores.findContact("slack", contact.workspaceId, [contact.userId]);
    expect((await find())?.displayName).toBe(contact.displayName);
    // Another replica (PostgreSQL) or a raw statement (PGlite) renames the contact.
    if (db.target.kind === "postgres") {
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      await other.query(`UPDATE "Contact" SET "displayName" = 'Omdøbt' WHERE "id" = $1`, [contact.id]);
      await other.end();
    } else {
      await db.exec(`UPDATE "Contact" SET "displayName" = 'Omdøbt' WHERE "id" = '${contact.id}'`);
    }
    await settle();
    expect((await find())?.displayName).toBe("Omdøbt");
  });

  it.runIf(process.env.TEST_DATABASE_URL)("goes deaf when its connection is lost, and hears again once it is back", async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      heard.length = 0;
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database()`);
      for (let i = 0; i < 100 && db.changes.listening; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(db.changes.listening).toBe(false);
      for (let i = 0; i < 200 && !db.changes.listening; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(db.changes.listening).toBe(true);
      expect(heard.filter((c) => c === "*").length).toBeGreaterThanOrEqual(2);
    } finally {
      await admin.end();
    }
  });
});
