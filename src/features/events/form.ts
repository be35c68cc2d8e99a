// The event forms: a new event (the invitation's channels among its fields), a company's
// sign-up (the event travels in the form's state), and the host's attendance.
import type { Locale } from "../../kernel/actor.js";
import { formatDate, type IsoDate, todayIn } from "../../kernel/dates.js";
import type { FieldErrors, FormField, FormValues, FormView } from "../../kernel/form.js";
import { labelIn } from "../../kernel/records.js";
import { SECTORS } from "../../kernel/sectors.js";
import type { Translate } from "../../kernel/translate.js";
import { EVENT_LIMITS, type TAttendanceInput, type TCreateEventInput, type TSignUpInput } from "./contract.js";
import { type EventFormContext, HERE } from "./create-event.js";
import type { AttendanceContext } from "./record-attendance.js";
import { EVENT_KINDS, type EventRecord } from "./store.js";

export const EVENT_FORM_ID = "events.new";
export const SIGNUP_FORM_ID = "events.signup";
export const ATTENDANCE_FORM_ID = "events.attendance";

type Common = { t: Translate; nonce: string; values?: FormValues; errors?: FieldErrors };

const sectorOptions = (t: Translate) => SECTORS.map((s) => ({ value: s, label: t(`placement:sectors.${s}`) }));

export function eventFormView(args: Common & { context: EventFormContext; today: IsoDate; locale: Locale }): FormView {
  const { t, context } = args;
  const channelOptions = [
    ...(context.here ? [{ value: HERE, label: t("events:form.here") }] : []),
    ...context.channels.map((c) => ({ value: c.id, label: t(`events:form.channel_${c.purpose}`, { id: c.channelId }) })),
  ];
  const fields: (FormField & { id: keyof TCreateEventInput })[] = [
    {
      kind: "text",
      id: "title",
      label: t("events:form.title"),
      required: true,
      maxLength: EVENT_LIMITS.title,
      placeholder: t("events:form.title_placeholder"),
    },
    { kind: "radio", id: "kind", label: t("events:form.kind"), required: true, options: EVENT_KINDS.map((k) => ({ value: k, label: t(`events:kinds.${k}`) })) },
    { kind: "date", id: "date", label: t("events:form.date"), required: true },
    { kind: "text", id: "startTime", label: t("events:form.start_time"), required: true, maxLength: 5, placeholder: "13:00" },
    { kind: "text", id: "endTime", label: t("events:form.end_time"), required: true, maxLength: 5, placeholder: "15:00" },
    { kind: "text", id: "place", label: t("events:form.place"), required: true, maxLength: EVENT_LIMITS.place },
    { kind: "checkboxes", id: "sectors", label: t("events:form.sectors"), required: false, options: sectorOptions(t) },
    {
      kind: "number",
      id: "capacity",
      label: t("events:form.capacity"),
      hint: t("events:form.capacity_hint"),
      required: true,
      min: EVENT_LIMITS.capacityMin,
      max: EVENT_LIMITS.capacityMax,
    },
    context.fixedHost
      ? {
          kind: "static",
          id: "hostOrganisationIds",
          label: t("events:form.hosts"),
          required: false,
          text: t("events:form.fixed_host", { organisation: context.fixedHost.name }),
        }
      : {
          kind: "checkboxes",
          id: "hostOrganisationIds",
          label: t("events:form.hosts"),
          required: true,
          options: context.organisations.map((o) => ({ value: o.id, label: o.name })),
        },
    channelOptions.length > 0
      ? { kind: "checkboxes", id: "channels", label: t("events:form.channels"), hint: t("events:form.channels_hint"), required: false, options: channelOptions }
      : { kind: "static", id: "channels", label: t("events:form.channels"), required: false, text: t("events:form.no_channels") },
  ];
  return {
    formId: EVENT_FORM_ID,
    title: t("events:form.heading"),
    submitLabel: t("events:form.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("events:form.intro", { partnership: context.partnership.name, today: formatDate(args.today, args.locale) }),
    fields,
    values: { kind: "praktikdating", ...(context.here ? { channels: [HERE] } : {}), ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: context.here ? { here: context.here.channelId } : {},
  };
}

export function signupFormView(args: Common & { event: EventRecord; when: string }): FormView {
  const { t, event } = args;
  const fields: (FormField & { id: keyof TSignUpInput })[] = [
    { kind: "text", id: "companyName", label: t("events:signup.company"), required: true, maxLength: EVENT_LIMITS.companyName },
    { kind: "text", id: "cvr", label: t("placement:form.cvr"), hint: t("placement:form.cvr_hint"), required: true, maxLength: EVENT_LIMITS.cvr },
    { kind: "number", id: "people", label: t("events:signup.people"), required: true, min: EVENT_LIMITS.peopleMin, max: EVENT_LIMITS.peopleMax },
    { kind: "checkboxes", id: "sectors", label: t("events:signup.sectors"), required: false, options: sectorOptions(t) },
    {
      kind: "number",
      id: "placesOffered",
      label: t("events:signup.places"),
      hint: t("events:signup.places_hint"),
      required: false,
      min: EVENT_LIMITS.placesMin,
      max: EVENT_LIMITS.placesMax,
    },
  ];
  return {
    formId: SIGNUP_FORM_ID,
    title: t("events:signup.heading"),
    submitLabel: t("events:signup.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("events:signup.intro", { title: event.title, when: args.when, place: event.place }),
    fields,
    values: { people: "1", ...(event.sectors.length > 0 ? { sectors: event.sectors } : {}), ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: { event: event.id },
  };
}

export function attendanceFormView(args: Common & { context: AttendanceContext; locale: Locale }): FormView {
  const { t, context, locale } = args;
  const fields: (FormField & { id: keyof TAttendanceInput })[] = [
    context.signups.length > 0
      ? {
          kind: "checkboxes",
          id: "attended",
          label: t("events:attendance.attended"),
          required: false,
          options: context.signups.map((s) => ({ value: s.id, label: `${s.companyName} (${s.cvr})` })),
        }
      : { kind: "static", id: "attended", label: t("events:attendance.attended"), required: false, text: t("events:signups.none") },
    context.placements.length > 0
      ? {
          kind: "checkboxes",
          id: "placementIds",
          label: t("events:attendance.placements"),
          hint: t("events:attendance.placements_hint"),
          required: false,
          options: context.placements.map((p) => ({
            value: p.id,
            label: `${p.company.name} · ${labelIn(p.type, locale)} · ${formatDate(p.startDate, locale)}`,
          })),
        }
      : { kind: "static", id: "placementIds", label: t("events:attendance.placements"), required: false, text: t("events:attendance.no_placements") },
  ];
  const attended = context.signups.filter((s) => s.attended === true).map((s) => s.id);
  return {
    formId: ATTENDANCE_FORM_ID,
    title: t("events:attendance.heading"),
    submitLabel: t("events:attendance.submit"),
    cancelLabel: t("common:cancel"),
    intro: t("events:attendance.intro", { title: context.event.title }),
    fields,
    values: { attended: context.event.attendanceRecordedAt ? attended : context.signups.map((s) => s.id), placementIds: context.linked, ...args.values },
    errors: args.errors ?? {},
    nonce: args.nonce,
    state: { event: context.event.id },
  };
}

/** The placement form's optional "came from an event" field, added after its own fields when there are events to name. */
export function withEventField(form: FormView, events: readonly EventRecord[], t: Translate, locale: Locale, timezone: string): FormView {
  if (events.length === 0) return form;
  const field: FormField = {
    kind: "select",
    id: "eventId",
    label: t("events:placement_field.label"),
    hint: t("events:placement_field.hint"),
    required: false,
    options: events.slice(0, 50).map((e) => ({ value: e.id, label: `${e.title} · ${formatDate(todayIn(timezone, e.startsAt), locale)}` })),
  };
  return { ...form, fields: [...form.fields, field] };
}
