// Money in Groundwork is whole currency units (DESIGN §5); the company's
// currency is USD for now, so formatting is fixed rather than per account.
const wholeUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

const compactUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** "$1,250,000"; an em dash when there is no value (e.g. not yet estimated). */
export function formatMoney(value: number | null | undefined): string {
  return value == null ? '—' : wholeUsd.format(value);
}

/** "$1.3M" — for headers and badges where the exact figure is noise. */
export function formatMoneyCompact(value: number | null | undefined): string {
  return value == null ? '—' : compactUsd.format(value);
}
