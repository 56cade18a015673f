import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel shows, for the message: "The Locks view failed". */
  name: string;
  /** A new value (a new case result) gives the view another try. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error?: Error;
  resetKey?: unknown;
}

/**
 * One view's failure stays in its panel: the other tabs, the report and the user's edits go on. A
 * panel is mounted ahead of its first visit (TabList), so without this a view that throws on an odd
 * input would take the whole page down before the user ever opened it.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): State | null {
    return props.resetKey === state.resetKey ? null : { error: undefined, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} view failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <p className="error" role="alert">
        The {this.props.name} view failed: {this.state.error.message}. The other views are not affected; the case&apos;s
        report and data are intact.
      </p>
    );
  }
}
