import { useHotkeys, type HotkeyItem } from '@mantine/hooks';

// Every keyboard shortcut of the staff app, in one list: the help overlay (`?`) shows exactly this.
export const shortcuts = {
  global: [
    { keys: '?', label: 'Show this help' },
    { keys: '/', label: 'Search debtors' },
    { keys: 'n', label: 'Next account in my queue' },
    { keys: 'q', label: 'Go to my queue' },
    { keys: 's', label: 'Supervisor dashboard (supervisors)' },
  ],
  account: [
    { keys: 'c', label: 'Log a call outcome' },
    { keys: 'p', label: 'Record a promise to pay' },
    { keys: 'l', label: 'Build a payment plan' },
    { keys: 'm', label: 'Send a message from a template' },
    { keys: 'a', label: 'Add a note' },
    { keys: 'b', label: 'Schedule a callback' },
    { keys: 'e', label: 'Escalate' },
    { keys: 'Esc', label: 'Close the open form' },
  ],
} as const;

/** Single-key shortcuts that stay quiet while the user types in a field or works in a dialog. */
export function useShortcuts(items: Array<[string, () => void]>): void {
  const hotkeys: HotkeyItem[] = items.map(([key, run]) => [key, () => {
    if (document.querySelector('[role="dialog"]') !== null) return;
    run();
  }]);
  useHotkeys(hotkeys, ['INPUT', 'TEXTAREA', 'SELECT']);
}
