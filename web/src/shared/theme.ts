import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Mantine's defaults, with a primary colour dark enough for white text at WCAG AA (axe checks contrast).
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

// "Dimmed" text (captions, hints) is gray 6 by default: 3.3:1 on white, below AA's 4.5:1. Gray 7 is 7.9:1.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
