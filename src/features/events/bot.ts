// Events: `arrangement` (the coming events), `arrangement ny` (plan one and post the invitation
// to chosen channels), the invitation's sign-up button and form, cancelling, the host's list of
// sign-ups with its export (XLSX/CSV) and the attendance form.
import { randomUUID } from "node:crypto";
import type { KnownAccess } from "../../kernel/access.js";
import type { Locale } from "../../kernel/actor.js";
import { todayIn } from "../../kernel/dates.js";
import { type BotContext, type BotReply, type Feature, type FollowUp, message, notice } from "../../kernel/feature.js";
import { type MessageView, simpleMessage } from "../../kernel/message.js";
import type { ChannelAddress } from "../../kernel/messenger.js";
import { withRetry } from "../../kernel/retry.js";
import type { AccessStore, PartnershipsStore } from "../../kernel/store.js";
import { type FormOpened, submitForm } from "../../kernel/submit-form.js";
import type { ChannelsStore } from "../channels/index.js";
import { type ExportTable, tableFile } from "../quarterly/index.js";
import { ZAttendanceInput, ZCreateEventInput, ZSignUpInput } from "./contract.js";
import { createEvent, type EventFormContext, openEventForm } from "./create-event.js";
import { canHostEvent, canPlanEvents, canSeeEvent } from "./event-access.js";
import { ATTENDANCE_FORM_ID, attendanceFormView, EVENT_FORM_ID, eventFormView, SIGNUP_FORM_ID, signupFormView } from "./form.js";
import { type AttendanceContext, openAttendance, type PlacementSource, recordAttendance } from "./record-attendance.js";
import { cancelSignup, openSignup, signUpForEvent } from "./sign-up-for-event.js";
import type { EventRecord, EventsStore, SignupRecord } from "./store.js";
import { EVENT_ACTIONS, eventCreatedView, eventListView, formatWhen, invitationView, seatsTaken, signupConfirmationView, signupsView } from "./views.js";

/** The store ports this feature's commands, buttons and forms use. */
export type EventsFeatureStore = EventsStore & PlacementSource & PartnershipsStore & AccessStore & ChannelsStore;
type Ctx = BotContext<EventsFeatureStore>;

const NEW_WORDS = new Set(["ny", "new", "opret"]);

const tr = (ctx: Ctx, access: KnownAccess) => ctx.t(access.actor.locale);
const say = (ctx: Ctx, access: KnownAccess, key: string, vars?: Record<string, unknown>) => message(simpleMessage(tr(ctx, access)(key, vars)));

async function hostNames(ctx: Ctx, event: EventRecord): Promise<string> {
  const organisations = new Map((await ctx.deps.store.listOrganisations([event.partnershipId])).map((o) => [o.id, o.name]));
  return event.hostOrganisationIds
    .map((id) => organisations.get(id) ?? "")
    .filter(Boolean)
    .join(", ");
}

/** The invitation as the channels show it, in the deployment's language. */
async function invitation(ctx: Ctx, event: EventRecord): Promise<MessageView> {
  const locale = ctx.deps.i18n.localeOf(undefined);
  const signups = await ctx.deps.store.listSignups(event.id);
  return invitationView(event, await hostNames(ctx, event), seatsTaken(signups), ctx.t(locale), locale, ctx.deps.timezone);
}

/** After a sign-up or a cancellation, every posted invitation shows the seats taken. */
async function refreshInvitations(ctx: Ctx, eventId: string): Promise<void> {
  const { messenger, logger, store } = ctx.deps;
  const event = await store.getEvent(eventId);
  if (!messenger || !event || event.channelMessages.length === 0) return;
  const view = await invitation(ctx, event);
  for (const ref of event.channelMessages) {
    await messenger.updateMessage(ref, view).catch((error: unknown) => logger.warn({ err: error, eventId }, "event invitation could not be updated"));
  }
}

async function postInvitations(ctx: Ctx, event: EventRecord, to: readonly ChannelAddress[]): Promise<number> {
  const { messenger, logger, store } = ctx.deps;
  if (!messenger || to.length === 0 || event.channelMessages.length > 0) return event.channelMessages.length;
  const view = await invitation(ctx, event);
  let posted = 0;
  for (const address of to) {
    try {
      await store.addEventMessage(event.id, await messenger.postToChannel(address, view));
      posted += 1;
    } catch (error) {
      logger.error({ err: error, eventId: event.id, channelId: address.channelId, platform: address.platform }, "event invitation could not be posted");
    }
  }
  return posted;
}

async function listEvents(ctx: Ctx, access: KnownAccess): Promise<BotReply> {
  const { locale } = access.actor;
  const now = ctx.now();
  const events = await withRetry(() =>
    ctx.deps.store.listEvents(access.partnershipIds, { from: new Date(now.getTime() - 14 * 86_400_000), to: new Date(now.getTime() + 730 * 86_400_000) }),
  );
  const rows = await Promise.all(
    events.map(async (event) => ({
      event,
      taken: seatsTaken(await ctx.deps.store.listSignups(event.id)),
      hosts: await hostNames(ctx, event),
      isHost: canHostEvent(access, event),
    })),
  );
  return message(
    eventListView(
      rows.filter((r) => !r.event.cancelled),
      ctx.t(locale),
      locale,
      ctx.deps.timezone,
      canPlanEvents(access),
    ),
  );
}

function eventForm(ctx: Ctx, access: KnownAccess, context: EventFormContext, more: { values?: Record<string, string | string[]>; nonce?: string } = {}) {
  const { locale } = access.actor;
  return eventFormView({
    context,
    t: ctx.t(locale),
    locale,
    today: todayIn(ctx.deps.timezone, ctx.now()),
    nonce: more.nonce ?? ctx.newNonce(),
    values: more.values,
  });
}

async function openCreate(ctx: Ctx, access: KnownAccess, here?: ChannelAddress): Promise<BotReply> {
  const result = await withRetry(() => openEventForm(ctx.deps.store, access, here));
  if (result.kind === "denied") return say(ctx, access, "events:plan_denied");
  if (result.kind === "no_partnership") return say(ctx, access, "progress:no_partnership");
  return { kind: "form", form: eventForm(ctx, access, result.context) };
}

/** The channel the form was opened in, carried in its state; only one in the person's own workspace counts. */
function hereFrom(access: KnownAccess, state: Record<string, string>): ChannelAddress | undefined {
  const channelId = state.here;
  if (!channelId) return undefined;
  return { platform: access.actor.platform, workspaceId: access.actor.workspaceId, channelId };
}

const submitEvent = submitForm<EventsFeatureStore>()({
  open: async (ctx, { access, submission }): Promise<FormOpened<EventFormContext>> => {
    const opened = await openEventForm(ctx.deps.store, access, hereFrom(access, submission.state));
    if (opened.kind === "ok") return opened;
    return { kind: "refused", view: simpleMessage(tr(ctx, access)(opened.kind === "denied" ? "events:plan_denied" : "progress:no_partnership")) };
  },
  form: (ctx, context, { access, submission }) => ({
    ...eventForm(ctx, access, context, { values: submission.values, nonce: submission.nonce }),
    state: submission.state,
  }),
  contract: ZCreateEventInput,
  run: (ctx, { access, input, context, idempotencyKey }) =>
    createEvent(ctx.deps.store, access, input, {
      context,
      idempotencyKey,
      now: ctx.now(),
      timezone: ctx.deps.timezone,
      today: todayIn(ctx.deps.timezone, ctx.now()),
    }),
  answer: async (ctx, result, { access }) => {
    if (result.kind !== "saved") return result;
    const { locale } = access.actor;
    ctx.deps.logger.info({ eventId: result.event.id, created: result.created, platform: access.actor.platform }, "event saved");
    const posted = await postInvitations(ctx, result.event, result.postTo);
    return { kind: "done", view: eventCreatedView(result.event, posted, !result.created, ctx.t(locale), locale, ctx.deps.timezone) };
  },
});

async function openSignupForm(ctx: Ctx, access: KnownAccess, eventId: string | undefined): Promise<BotReply> {
  const { locale } = access.actor;
  const result = await withRetry(() => openSignup(ctx.deps.store, access, eventId ?? "", ctx.now()));
  if (result.kind === "not_found") return notice(simpleMessage(ctx.t(locale)("events:not_found")));
  if (result.kind === "closed") return notice(simpleMessage(ctx.t(locale)("events:closed", { title: result.event.title })));
  const when = formatWhen(result.event, locale, ctx.deps.timezone);
  return { kind: "form", form: signupFormView({ t: ctx.t(locale), event: result.event, when, nonce: ctx.newNonce() }) };
}

const submitSignup = submitForm<EventsFeatureStore>()({
  open: async (ctx, { access, submission }): Promise<FormOpened<EventRecord>> => {
    const result = await openSignup(ctx.deps.store, access, submission.state.event ?? "", ctx.now());
    const t = tr(ctx, access);
    if (result.kind === "not_found") return { kind: "refused", view: simpleMessage(t("events:not_found")) };
    if (result.kind === "closed") return { kind: "refused", view: simpleMessage(t("events:closed", { title: result.event.title })) };
    return { kind: "ok", context: result.event };
  },
  form: (ctx, event, { access, submission }) =>
    signupFormView({
      t: tr(ctx, access),
      event,
      when: formatWhen(event, access.actor.locale, ctx.deps.timezone),
      nonce: submission.nonce,
      values: submission.values,
    }),
  contract: ZSignUpInput,
  // One sign-up per company and event: a repeat writes the same row again.
  run: (ctx, { access, input, context }) => signUpForEvent(ctx.deps.store, access, context.id, input, ctx.now()),
  answer: async (ctx, result, { access }) => {
    const t = tr(ctx, access);
    if (result.kind === "not_found") return { kind: "refused", view: simpleMessage(t("events:not_found")) };
    if (result.kind === "closed") return { kind: "refused", view: simpleMessage(t("events:closed", { title: result.event.title })) };
    if (result.kind === "invalid") return result;
    ctx.deps.logger.info({ eventId: result.event.id, signupId: result.signup.id, created: result.created }, "event sign-up saved");
    await refreshInvitations(ctx, result.event.id);
    return { kind: "done", view: signupConfirmationView(result.event, result.signup, result.created, t, access.actor.locale, ctx.deps.timezone) };
  },
});

async function cancel(ctx: Ctx, access: KnownAccess, signupId: string | undefined): Promise<BotReply> {
  const result = await withRetry(() => cancelSignup(ctx.deps.store, access, signupId ?? "", ctx.now()));
  switch (result.kind) {
    case "not_found":
      return notice(simpleMessage(tr(ctx, access)("events:signup_not_found")));
    case "denied":
      return notice(simpleMessage(tr(ctx, access)("events:cancel_denied")));
    case "already":
      return notice(simpleMessage(tr(ctx, access)("events:cancel_already")));
    case "cancelled":
      await refreshInvitations(ctx, result.event.id);
      return message(simpleMessage(tr(ctx, access)("events:cancelled", { company: result.signup.companyName, title: result.event.title })));
  }
}

/** The event a host asks about; an event of another partnership is "not found". */
async function hostedEvent(ctx: Ctx, access: KnownAccess, eventId: string | undefined): Promise<{ event: EventRecord } | { reply: BotReply }> {
  const event = await withRetry(() => ctx.deps.store.getEvent(eventId ?? ""));
  if (!canSeeEvent(access, event)) return { reply: notice(simpleMessage(tr(ctx, access)("events:not_found"))) };
  if (!canHostEvent(access, event)) return { reply: notice(simpleMessage(tr(ctx, access)("events:host_only"))) };
  return { event };
}

async function showSignups(ctx: Ctx, access: KnownAccess, eventId: string | undefined): Promise<BotReply> {
  const found = await hostedEvent(ctx, access, eventId);
  if ("reply" in found) return found.reply;
  const { locale } = access.actor;
  const [signups, placements] = await Promise.all([ctx.deps.store.listSignups(found.event.id), ctx.deps.store.listEventPlacementIds(found.event.id)]);
  return message(signupsView(found.event, signups, placements.length, ctx.t(locale), locale, ctx.deps.timezone));
}

function signupsTable(event: EventRecord, signups: readonly SignupRecord[], ctx: Ctx, locale: Locale): ExportTable {
  const t = ctx.t(locale);
  const e = (key: string) => t(`events:export.${key}`);
  const date = todayIn(ctx.deps.timezone, event.startsAt);
  return {
    sheet: e("sheet"),
    columns: [
      { header: e("company"), type: "text", width: 28 },
      { header: e("cvr"), type: "text", width: 12 },
      { header: e("people"), type: "number", width: 10 },
      { header: e("sectors"), type: "text", width: 30 },
      { header: e("places"), type: "number", width: 12 },
      { header: e("status"), type: "text", width: 14 },
      { header: e("attended"), type: "text", width: 12 },
      { header: e("event_date"), type: "date", width: 12 },
    ],
    rows: signups.map((s) => {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      return [
        s.companyName,
        s.cvr,
        s.people,
        s.sectors.map((x) => t(`placement:sectors.${x}`, { defaultValue: x })).join(", "),
        s.placesOffered,
        e(s.cancelled ? "cancelled" : "signed_up"),
        s.attended === null ? null : e(s.attended ? "yes" : "no"),
        { kind: "date", y, m, d, hh: 0, mm: 0 },
      ];
    }),
  };
}

async function exportSignups(ctx: Ctx, access: KnownAccess, eventId: string | undefined, format: "csv" | "xlsx"): Promise<BotReply> {
  const found = await hostedEvent(ctx, access, eventId);
  if ("reply" in found) return found.reply;
  const { event } = found;
  const { actor } = access;
  const t = ctx.t(actor.locale);
  const followUp = async (): Promise<FollowUp> => {
    try {
      const signups = await withRetry(() => ctx.deps.store.listSignups(event.id));
      const base = `${actor.locale === "en" ? "signups" : "tilmeldinger"}-${todayIn(ctx.deps.timezone, event.startsAt)}`;
      const file = await tableFile(signupsTable(event, signups, ctx, actor.locale), format, base);
      return { kind: "files", view: simpleMessage(t("events:export.ready", { title: event.title })), files: [{ ...file, title: event.title }] };
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      ctx.deps.logger.error({ err: error, reference, eventId: event.id }, "event export failed");
      return { kind: "message", view: simpleMessage(t("events:export.failed", { reference })) };
    }
  };
  return { kind: "message", view: simpleMessage(t("events:export.working")), followUp };
}

async function openAttendanceForm(ctx: Ctx, access: KnownAccess, eventId: string | undefined): Promise<BotReply> {
  const { locale } = access.actor;
  const t = ctx.t(locale);
  const result = await withRetry(() => openAttendance(ctx.deps.store, access, eventId ?? "", ctx.now()));
  if (result.kind === "not_found") return notice(simpleMessage(t("events:not_found")));
  if (result.kind === "denied") return notice(simpleMessage(t("events:host_only")));
  if (result.kind === "not_yet") return notice(simpleMessage(t("events:attendance.not_yet", { title: result.event.title })));
  return { kind: "form", form: attendanceFormView({ t, context: result.context, locale, nonce: ctx.newNonce() }) };
}

const submitAttendance = submitForm<EventsFeatureStore>()({
  open: async (ctx, { access, submission }): Promise<FormOpened<AttendanceContext>> => {
    const t = tr(ctx, access);
    const result = await openAttendance(ctx.deps.store, access, submission.state.event ?? "", ctx.now());
    if (result.kind === "ok") return result;
    if (result.kind === "not_yet") return { kind: "refused", view: simpleMessage(t("events:attendance.not_yet", { title: result.event.title })) };
    return { kind: "refused", view: simpleMessage(t(result.kind === "denied" ? "events:host_only" : "events:not_found")) };
  },
  form: (ctx, context, { access, submission }) =>
    attendanceFormView({ t: tr(ctx, access), context, locale: access.actor.locale, nonce: submission.nonce, values: submission.values }),
  contract: ZAttendanceInput,
  // Recording again replaces what was recorded: safe to repeat.
  run: (ctx, { access, input, context }) => recordAttendance(ctx.deps.store, access, context, input, ctx.now()),
  answer: (ctx, result, { access, context }) => ({
    kind: "done",
    view: simpleMessage(tr(ctx, access)("events:attendance.saved", { title: context.event.title, attended: result.attended, placements: result.placements })),
  }),
});

export const eventsFeature: Feature<EventsFeatureStore> = {
  commands: {
    event: (ctx, { access, args, channel }) => (NEW_WORDS.has((args[0] ?? "").toLowerCase()) ? openCreate(ctx, access, channel) : listEvents(ctx, access)),
  },
  actions: {
    [EVENT_ACTIONS.create]: (ctx, { access }) => openCreate(ctx, access),
    [EVENT_ACTIONS.signUp]: (ctx, { access, value }) => openSignupForm(ctx, access, value),
    [EVENT_ACTIONS.cancel]: (ctx, { access, value }) => cancel(ctx, access, value),
    [EVENT_ACTIONS.signups]: (ctx, { access, value }) => showSignups(ctx, access, value),
    [EVENT_ACTIONS.exportXlsx]: (ctx, { access, value }) => exportSignups(ctx, access, value, "xlsx"),
    [EVENT_ACTIONS.exportCsv]: (ctx, { access, value }) => exportSignups(ctx, access, value, "csv"),
    [EVENT_ACTIONS.attendance]: (ctx, { access, value }) => openAttendanceForm(ctx, access, value),
  },
  forms: {
    [EVENT_FORM_ID]: submitEvent,
    [SIGNUP_FORM_ID]: submitSignup,
    [ATTENDANCE_FORM_ID]: submitAttendance,
  },
};
