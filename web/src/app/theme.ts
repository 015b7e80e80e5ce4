import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palette with its two darkest shades darkened where they fail WCAG AA
 * (4.5:1 for text): filled buttons and badges use shade 8 under white text, text
 * in a colour uses shade 8 on white, light badges use shade 9 on shade 1. Mantine's
 * own green.7 under white text is 2.7:1, its light green badge 3.8:1.
 */
function readable(name: keyof typeof DEFAULT_THEME.colors, shade8: string, shade9: string): MantineColorsTuple {
  const shades = DEFAULT_THEME.colors[name]!;
  return [...shades.slice(0, 8), shade8, shade9] as unknown as MantineColorsTuple;
}

// Dense, neutral operations look: small default sizes, green as the brand
// accent (landscaping), blue kept for selection and links.
export const theme = createTheme({
  primaryColor: 'green',
  primaryShade: 8,
  colors: {
    green: readable('green', '#268037', '#1f6f2f'),
    orange: readable('orange', '#be490a', '#a63f0c'),
    yellow: readable('yellow', '#a35f00', '#8f5100'),
    red: readable('red', '#d32e2e', '#b32424'),
    teal: readable('teal', '#08805c', '#07704f'),
    lime: readable('lime', '#4c7e0b', '#416c09'),
    cyan: readable('cyan', '#0b7a8d', '#0b7285'),
  },
  defaultRadius: 'sm',
  fontFamily: 'Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'md' } },
    // The close "×" has no text of its own: name it for screen readers.
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

/** Secondary ("dimmed") text at 5.9:1 on white rather than Mantine's gray.6 at 3.3:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a' },
  dark: {},
});
