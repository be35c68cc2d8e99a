// Every store port the bot's features, jobs and adapters use, as one type: what the Bot, the
// scheduler and app.ts hold. src/db/stores.ts builds it with Prisma; tests/support/memory/ builds
// it in memory. A feature or use case names only the ports it needs.

import type { ChannelsStore } from "../features/channels/store.js";
import type { ContactsStore } from "../features/contacts/store.js";
import type { DigestsStore } from "../features/digests/store.js";
import type { EventsStore } from "../features/events/index.js";
import type { InstallationsStore } from "../features/installations/store.js";
import type { InvitationsStore } from "../features/invitations/store.js";
import type { IguMilestoneStore, OutcomesStore, PlacementRulesStore } from "../features/placement-rules/store.js";
import type { PlacementsStore } from "../features/placements/store.js";
import type { PrivacyStore } from "../features/privacy/store.js";
import type { ExportStore, QuarterlyStore } from "../features/quarterly/store.js";
import type { SchemeInfoStore } from "../features/scheme-info/index.js";
import type { SupportRequestsStore } from "../features/support-requests/store.js";
import type { NoticeStore } from "../kernel/once.js";
import type { AccessStore, ConversationStore, HealthStore, PartnershipsStore, PlacementLookupStore } from "../kernel/store.js";

export type AppStore = AccessStore &
  PartnershipsStore &
  PlacementLookupStore &
  ConversationStore &
  HealthStore &
  NoticeStore &
  PlacementsStore &
  PlacementRulesStore &
  OutcomesStore &
  IguMilestoneStore &
  SupportRequestsStore &
  ChannelsStore &
  ContactsStore &
  QuarterlyStore &
  ExportStore &
  DigestsStore &
  PrivacyStore &
  SchemeInfoStore &
  EventsStore &
  InvitationsStore &
  InstallationsStore;

type Intersect<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Intersect<R> : unknown;

/**
 * One object with the methods of every part, each bound to its part, so the per-port classes
 * (Prisma or in-memory) can be handed around as one store. Two parts with a method of the same
 * name would hide one of them, so that is refused.
 */
export function composeStores<T extends readonly object[]>(...parts: T): Intersect<T> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    const names = new Set<string>(Object.keys(part));
    for (let proto: object | null = Object.getPrototypeOf(part); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== "constructor") names.add(name);
    }
    for (const name of names) {
      const value: unknown = (part as Record<string, unknown>)[name];
      if (typeof value !== "function") continue;
      if (name in out) throw new Error(`two stores have a method ${name}`);
      out[name] = (value as (...args: unknown[]) => unknown).bind(part);
    }
  }
  return out as Intersect<T>;
}
