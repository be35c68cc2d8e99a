// The use cases "sign a company up for an event" and "cancel a sign-up". Anyone in the event's
// partnership may sign a company up before the event starts; the capacity is never exceeded.
// Cancelling is for whoever signed up, the hosts and the secretariat.
import type { KnownAccess } from "../../kernel/access.js";
import { actorRef } from "../../kernel/actor.js";
import type { FieldProblems } from "../../kernel/field-problems.js";
import type { TSignUpInput } from "./contract.js";
import { canHostEvent, canSeeEvent } from "./event-access.js";
import type { EventRecord, EventsStore, SignupRecord } from "./store.js";

export type OpenSignupResult = { kind: "ok"; event: EventRecord } | { kind: "not_found" } | { kind: "closed"; event: EventRecord };

export async function openSignup(store: Pick<EventsStore, "getEvent">, access: KnownAccess, eventId: string, now: Date): Promise<OpenSignupResult> {
  const event = await store.getEvent(eventId);
  if (!canSeeEvent(access, event)) return { kind: "not_found" };
  if (event.cancelled || event.startsAt <= now) return { kind: "closed", event };
  return { kind: "ok", event };
}

export type SignUpResult =
  | { kind: "saved"; event: EventRecord; signup: SignupRecord; created: boolean }
  | { kind: "invalid"; problems: FieldProblems }
  | { kind: "not_found" }
  | { kind: "closed"; event: EventRecord };

export async function signUpForEvent(store: EventsStore, access: KnownAccess, eventId: string, input: TSignUpInput, now: Date): Promise<SignUpResult> {
  const opened = await openSignup(store, access, eventId, now);
  if (opened.kind !== "ok") return opened;
  const { event } = opened;
  const result = await store.saveSignup(
    {
      eventId,
      companyName: input.companyName,
      cvr: input.cvr,
      people: input.people,
      sectors: input.sectors,
      placesOffered: input.placesOffered ?? 0,
      signedUpBy: actorRef(access.actor),
      at: now,
    },
    event.capacity,
  );
  if (result.kind === "not_found") return result;
  if (result.kind === "full") {
    return {
      kind: "invalid",
      problems: { people: { key: result.left > 0 ? "events:errors.seats_left" : "events:errors.full", vars: { count: result.left, left: result.left } } },
    };
  }
  return { kind: "saved", event, signup: result.signup, created: result.created };
}

export type CancelSignupResult =
  | { kind: "cancelled"; event: EventRecord; signup: SignupRecord }
  | { kind: "not_found" }
  | { kind: "denied" }
  | { kind: "already" };

export async function cancelSignup(store: EventsStore, access: KnownAccess, signupId: string, now: Date): Promise<CancelSignupResult> {
  const signup = await store.getSignup(signupId);
  const event = signup ? await store.getEvent(signup.eventId) : undefined;
  if (!signup || !canSeeEvent(access, event)) return { kind: "not_found" };
  if (signup.signedUpBy !== actorRef(access.actor) && !canHostEvent(access, event)) return { kind: "denied" };
  if (signup.cancelled) return { kind: "already" };
  if (!(await store.cancelSignup(signupId, { actor: actorRef(access.actor), at: now }))) return { kind: "already" };
  return { kind: "cancelled", event, signup: { ...signup, cancelled: true } };
}
