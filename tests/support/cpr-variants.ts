// The hostile-input tables the tests share: one CPR number in every shape a person (or an
// attacker) can type it.

/** The same CPR number (1 January 1990, 1234) as people type it, and as it is smuggled in. */
export const CPR_VARIANTS: readonly [string, string][] = [
  ["plain", "0101901234"],
  ["hyphen", "010190-1234"],
  ["space", "010190 1234"],
  ["pairs", "01 01 90 1234"],
  ["pairs and halves", "01 01 90 12 34"],
  ["four and two", "0101 90 1234"],
  ["en dash", "010190\u20131234"],
  ["em dash", "010190\u20141234"],
  ["minus sign", "010190\u22121234"],
  ["non-breaking hyphen", "010190\u20111234"],
  ["no-break space", "010190\u00A01234"],
  ["narrow no-break space", "010190\u202F1234"],
  ["zero-width space", "010190\u200B1234"],
  ["zero-width joiner inside", "01\u200D0190-1234"],
  ["soft hyphen", "010190\u00AD1234"],
  ["slash", "010190/1234"],
  ["underscore", "010190_1234"],
  ["dot", "010190.1234"],
  ["dotted date", "01.01.90-1234"],
  ["spaced hyphen", "010190 - 1234"],
  ["full-width digits", "\uFF10\uFF11\uFF10\uFF11\uFF19\uFF10\uFF0D\uFF11\uFF12\uFF13\uFF14"],
  ["full-width digits with an ideographic space", "\uFF10\uFF11\uFF10\uFF11\uFF19\uFF10\u3000\uFF11\uFF12\uFF13\uFF14"],
  ["tab", "010190\t1234"],
  ["NUL inside", "010190\u00001234"],
  ["in a sentence", "Kandidaten (01 01 90 1234) starter mandag"],
  ["after a stray digit", "nr 7 010190 1234"],
  ["followed by a digit group", "010190 1234 5"],
];
