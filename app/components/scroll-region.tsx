import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways on a phone (a wide table, a code sample). A keyboard user can only
 * scroll what can take focus (WCAG 2.1.1; axe's scrollable-region-focusable), so the box is a
 * named region in the tab order, with the focus ring the buttons use.
 */
export function ScrollRegion({
  label,
  className = '',
  testId,
  children,
}: {
  /** What the region holds, e.g. the table's caption: a screen reader announces it on focus. */
  label: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`overflow-x-auto focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${className}`}
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
