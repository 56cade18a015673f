import type { ReactNode } from 'react';

interface Props {
  kind: 'error' | 'notice';
  children: ReactNode;
  onDismiss?: () => void;
  /** More buttons beside Dismiss (say, "Remove from case"). */
  actions?: ReactNode;
}

/** A message above the content that the user can close, so that it never holds the screen. */
export function Banner({ kind, children, onDismiss, actions }: Props) {
  return (
    <div className={`banner ${kind}`}>
      {/* The live region is the message alone: its buttons are not part of what is announced. */}
      <div className="banner-text" role={kind === 'error' ? 'alert' : 'status'}>
        {children}
      </div>
      {actions}
      {onDismiss && (
        <button type="button" className="banner-close" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
