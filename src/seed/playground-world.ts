// The people, team and channels of the Microsoft 365 Agents Playground as the demo knows them:
// the demo data gives these identities their organisations and roles, and `npm run playground`
// writes the same ids into the Playground's configuration, so what the Playground sends is a
// person the bot knows. Teams identities are (tenant, Entra object id).

/** The Playground's tenant: the workspace of every identity below. */
export const PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001";

export const PLAYGROUND_BOT = { id: "00000000-0000-0000-0000-00000000000011", name: "Praktikbot" } as const;

export type PlaygroundPerson = {
  /** The Playground user's id (the activity's from.id). */
  id: string;
  /** The Entra object id the bot knows the person by. */
  aadObjectId: string;
  name: string;
  givenName: string;
  surname: string;
  email: string;
};

function person(n: number, givenName: string, surname: string, mailbox: string): PlaygroundPerson {
  return {
    id: `user-id-${n}`,
    aadObjectId: `00000000-0000-0000-0000-00000000002${n}`,
    name: `${givenName} ${surname}`,
    givenName,
    surname,
    email: `${mailbox}@example.dk`,
  };
}

/** The three people a newcomer can be, by the word given to `npm run playground -- --as`. */
export const PLAYGROUND_PEOPLE = {
  admin: person(0, "Sanne", "Secretariat", "sanne"),
  jobcenter: person(1, "Jonas", "Jobcenter", "jonas"),
  partner: person(2, "Pia", "Partner", "pia"),
} as const;

export type PlaygroundRole = keyof typeof PLAYGROUND_PEOPLE;
export const PLAYGROUND_ROLES = Object.keys(PLAYGROUND_PEOPLE) as PlaygroundRole[];

/** Team members the bot does not know: the Playground wants exactly five users besides the current one. */
export const PLAYGROUND_OTHERS: readonly PlaygroundPerson[] = [
  person(3, "Karin", "Kollega", "karin"),
  person(4, "Ole", "Olsen", "ole"),
  person(5, "Lise", "Lund", "lise"),
];

/**
 * The Playground's one team has its General channel (whose conversation id is the team's id)
 * and room for one more channel.
 */
export const PLAYGROUND_TEAM = {
  id: "19:partnere@thread.tacv2",
  name: "Praktikpartnerskab",
  aadGroupId: "00000000-0000-0000-0000-000000000031",
  /** Support requests and approvals are posted here (a `kanal jobcenter` link). */
  jobcenterChannel: { id: "19:jobcenter@thread.tacv2", name: "Jobcenter" },
  /** The partners' channel, the team's General: the weekly digest is posted here (a `kanal oversigt` link). */
  partnerChannel: { id: "19:partnere@thread.tacv2", name: "General" },
} as const;

/** The Playground's own default port; `npm run playground` picks a free one and says which. */
export const PLAYGROUND_DEFAULT_PORT = 56150;

/** Where the Playground's mocked connector answers: the bot posts into its channels there. */
export function playgroundServiceUrl(port: number): string {
  return `http://localhost:${port}/_connector`;
}
