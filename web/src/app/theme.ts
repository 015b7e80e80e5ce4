import { createTheme } from '@mantine/core';

// Dense, neutral operations look: small default sizes, green as the brand
// accent (landscaping), blue kept for selection and links.
export const theme = createTheme({
  primaryColor: 'green',
  primaryShade: 7,
  defaultRadius: 'sm',
  fontFamily: 'Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'md' } },
  },
});
