// Counts in prose read as prose: "1 issue", "3 issues", "1 open issue". The
// plural category comes from the language's own rules (Intl.PluralRules), not
// from `count === 1`, so a translation only adds its forms here.

const pluralRules = new Intl.PluralRules('en-US');
const numbers = new Intl.NumberFormat('en-US');

/** The forms of a noun phrase per plural category; English needs `one` and `other`. */
export type NounForms = { one: string; other: string };

/** A regular English noun phrase ("open issue" → "open issues"); pass both forms when irregular. */
export function nounForms(one: string, other = `${one}s`): NounForms {
  return { one, other };
}

/** The form of `noun` that goes with `count`, without the number ("issues" for 3). */
export function nounFor(count: number, noun: string | NounForms): string {
  const forms = typeof noun === 'string' ? nounForms(noun) : noun;
  return pluralRules.select(count) === 'one' ? forms.one : forms.other;
}

/** "1 issue", "1,204 properties". */
export function formatCount(count: number, noun: string | NounForms): string {
  return `${numbers.format(count)} ${nounFor(count, noun)}`;
}
