import { useState, type ReactNode } from 'react';

/**
 * A `<details>` whose body is rendered once `drawn` (useDrawnWhenIdle) or as soon as it is opened,
 * whichever is first: a closed body is not shown, yet rendering every cluster's and cycle's evidence
 * was most of the Leaks & cycles tab's first frame. Once drawn, find-in-page reaches it as before.
 */
export function Folded({ summary, summaryClass, drawn, body }: { summary: ReactNode; summaryClass?: string; drawn: boolean; body: () => ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className={summaryClass}>{summary}</summary>
      {(drawn || opened) && body()}
    </details>
  );
}
