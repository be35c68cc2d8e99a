// Block Kit limits the renderers keep to. Slack rejects a view or message that breaks one of
// these with a bare "invalid_blocks", so they are enforced here and checked in tests.

export const MODAL_LIMITS = {
  blocks: 100,
  title: 24,
  /** Submit and close button labels. */
  button: 24,
  callbackId: 255,
  privateMetadata: 3000,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  blockId: 255,
  actionId: 255,
  /** plain_text_input max_length, and its initial_value. */
  inputLength: 3000,
  sectionText: 3000,
  /** A field error returned with response_action "errors". */
  error: 2000,
} as const;

export const OPTION_LIMITS = {
  text: 75,
  value: 150,
  /** Options in a select (and in each option group); option groups per select. */
  options: 100,
  groups: 100,
  /** radio_buttons and checkboxes take at most 10 options; longer lists become selects. */
  choices: 10,
} as const;

export const MESSAGE_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  header: 150,
  contextElements: 10,
  contextText: 3000,
  buttons: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** The notification text next to the blocks (Slack's own limit is far higher). */
  text: 4000,
} as const;
