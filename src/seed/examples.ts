// The two partnerships in the documents the bot was built from: Aalborg's 2016 partnership
// agreement on integration, and the 2013 playbook for Fredericia's housing areas
// Sønderparken and Korskærparken.
import type { OrganisationKind, TargetFilter, TargetKind } from "../kernel/records.js";

export type SeedPartnership = {
  slug: string;
  name: string;
  municipality: string;
  periodStart: string;
  periodEnd: string;
  types: { key: string; labelDa: string; labelEn: string; defaultWeeks: number | null; countsForRatio: boolean }[];
  targets: { key: string; labelDa: string; labelEn: string; kind: TargetKind; min: number | null; max: number | null; filter: TargetFilter }[];
  organisations: { name: string; kind: OrganisationKind }[];
};

const praktik = { key: "virksomhedspraktik", labelDa: "Virksomhedspraktik", labelEn: "Work placement", defaultWeeks: 13, countsForRatio: true };
const loentilskud = { key: "loentilskud", labelDa: "Løntilskud", labelEn: "Wage-subsidised job", defaultWeeks: 26, countsForRatio: true };
const igu = { key: "igu", labelDa: "IGU (integrationsgrunduddannelse)", labelEn: "IGU (basic integration training)", defaultWeeks: 104, countsForRatio: false };
const ordinaer = { key: "ordinaer", labelDa: "Ordinær ansættelse", labelEn: "Ordinary job", defaultWeeks: null, countsForRatio: false };
const laerling = { key: "laerling", labelDa: "Lærling/elev", labelEn: "Apprentice", defaultWeeks: null, countsForRatio: false };
const fleksjob = { key: "fleksjob", labelDa: "Fleksjob", labelEn: "Flex job", defaultWeeks: null, countsForRatio: false };

export const AALBORG_2016: SeedPartnership = {
  slug: "aalborg-2016",
  name: "Partnerskab om integration, Aalborg 2016",
  municipality: "Aalborg",
  periodStart: "2016-01-01",
  periodEnd: "2016-12-31",
  types: [praktik, loentilskud, igu, ordinaer, laerling, fleksjob],
  targets: [
    {
      key: "praktikpladser",
      labelDa: "Praktikpladser i alt",
      labelEn: "Work placements in all",
      kind: "goal",
      min: null,
      max: 500,
      filter: { types: ["virksomhedspraktik"] },
    },
    {
      key: "offentlige",
      labelDa: "Offentlige",
      labelEn: "Public",
      kind: "maximum",
      min: null,
      max: 150,
      filter: { types: ["virksomhedspraktik"], employerSector: "public" },
    },
    {
      key: "private-mangel",
      labelDa: "Private i mangelbrancher",
      labelEn: "Private in sectors short of labour",
      kind: "minimum",
      min: 350,
      max: null,
      filter: { types: ["virksomhedspraktik"], employerSector: "private", shortageOnly: true },
    },
    { key: "igu", labelDa: "IGU", labelEn: "IGU", kind: "minimum", min: 25, max: null, filter: { types: ["igu"] } },
  ],
  organisations: [
    { name: "Jobcenter Aalborg", kind: "jobcenter" },
    { name: "Aalborg Kommune", kind: "other" },
    { name: "Dansk Industri Aalborg", kind: "employers_association" },
    { name: "LO-Aalborg", kind: "union" },
    { name: "Aalborg Håndværkerforening", kind: "employers_association" },
    { name: "Erhverv Norddanmark", kind: "employers_association" },
    { name: "Dansk Byggeri Nordjylland", kind: "employers_association" },
    { name: "Dansk Erhverv", kind: "employers_association" },
    { name: "ErhvervsNetværk 9220", kind: "employers_association" },
    { name: "Aalborg Handelsskole", kind: "school" },
    { name: "AMU Nordjylland", kind: "school" },
    { name: "Tech College", kind: "school" },
    { name: "SOSU Nord", kind: "school" },
  ],
};

export const FREDERICIA_2013: SeedPartnership = {
  slug: "fredericia-2013",
  name: "Partnerskabsaftaler Sønder-Korskærparken, Fredericia",
  municipality: "Fredericia",
  periodStart: "2013-01-01",
  periodEnd: "2015-12-31",
  types: [
    { ...praktik, defaultWeeks: 13 },
    { ...loentilskud, defaultWeeks: 26 },
    laerling,
    ordinaer,
    fleksjob,
    { key: "lommepengejob", labelDa: "Lommepengejob", labelEn: "Pocket-money job", defaultWeeks: null, countsForRatio: false },
    { key: "fritidsjob", labelDa: "Fritidsjob", labelEn: "Leisure-time job", defaultWeeks: null, countsForRatio: false },
    { key: "mentorordning", labelDa: "Mentorordning", labelEn: "Mentor scheme", defaultWeeks: null, countsForRatio: false },
    // Jobrotation was abolished by lov nr. 1750 af 29/12/2025: kept so this 2013 partnership's history reads, labelled as no longer offered.
    {
      key: "rotation",
      labelDa: "Rotationsordning (udgået – tilbydes ikke længere)",
      labelEn: "Job rotation (discontinued – no longer offered)",
      defaultWeeks: null,
      countsForRatio: false,
    },
    { key: "uddannelsesforloeb", labelDa: "Fleksibelt uddannelsesforløb", labelEn: "Flexible training course", defaultWeeks: null, countsForRatio: false },
  ],
  targets: [
    {
      key: "virksomhedspraktik",
      labelDa: "Virksomhedspraktikker",
      labelEn: "Work placements",
      kind: "minimum",
      min: 25,
      max: null,
      filter: { types: ["virksomhedspraktik"] },
    },
    { key: "loentilskud", labelDa: "Løntilskudsjob", labelEn: "Wage-subsidised jobs", kind: "goal", min: null, max: 10, filter: { types: ["loentilskud"] } },
    { key: "laerepladser", labelDa: "Lærepladser", labelEn: "Apprenticeships", kind: "range", min: 2, max: 5, filter: { types: ["laerling"] } },
    { key: "ordinaere", labelDa: "Ordinære job", labelEn: "Ordinary jobs", kind: "range", min: 5, max: 10, filter: { types: ["ordinaer"] } },
    { key: "lommepengejob", labelDa: "Lommepengejob", labelEn: "Pocket-money jobs", kind: "goal", min: null, max: 5, filter: { types: ["lommepengejob"] } },
  ],
  organisations: [
    { name: "Jobcenter Fredericia", kind: "jobcenter" },
    { name: "AMA-styregruppen", kind: "other" },
    { name: "Områdesekretariatet", kind: "housing" },
    { name: "ALAVU (ungeprojektet i Korskærparken)", kind: "other" },
    { name: "Boligkontoret Fredericia", kind: "housing" },
    { name: "Dansk Byggeri", kind: "employers_association" },
  ],
};

export const EXAMPLE_PARTNERSHIPS = [AALBORG_2016, FREDERICIA_2013];
