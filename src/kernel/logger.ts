// The logging the kernel and the features do: a structured object and a message, at four levels.
// pino's logger fits it as it is, so app.ts hands its own logger in; nothing here depends on pino.
export type LogFn = {
  (object: object, message?: string): void;
  (message: string): void;
};

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}
