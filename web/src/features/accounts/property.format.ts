const SQM_PER_ACRE = 4046.8564224;
const acres = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const sqft = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Area as US landscaping contracts state it: acres for grounds, square feet
 * for small sites (under a quarter acre, where "0.1 ac" hides real differences).
 */
export function formatArea(areaSqm: number): string {
  const ac = areaSqm / SQM_PER_ACRE;
  if (ac >= 0.25) return `${acres.format(ac)} ac`;
  return `${sqft.format(areaSqm * 10.7639104)} sq ft`;
}
