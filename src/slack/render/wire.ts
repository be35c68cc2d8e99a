// Slack's Web API takes a view, and a message's blocks, as JSON-encoded strings: that is how the
// Web API client sends them anyway (form encoding). Encoding them once here, instead of handing
// the client objects, spares it walking the whole structure again to redact tokens for a debug
// line it builds on every call whatever the log level (@slack/web-api 8, makeRequest): for a form
// of twenty fields that walk cost more than drawing the form.
export function encodedForSlack<T extends object>(value: T): T {
  // The client sends a string as it is; its parameter types only name the decoded shape.
  return JSON.stringify(value) as unknown as T;
}
