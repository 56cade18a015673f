import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PanelBoundary } from './PanelBoundary';

// Server rendering runs no error boundary, so the boundary's two states are rendered as React would
// after catching: its derived state from the error, then its output.
const rendered = (boundary: PanelBoundary) => renderToStaticMarkup(createElement('div', null, boundary.render()));

describe('PanelBoundary', () => {
  it('shows its view until the view throws, then says which view failed and why, as an alert', () => {
    const boundary = new PanelBoundary({ name: 'Locks', children: createElement('p', null, 'the locks') });
    expect(rendered(boundary)).toBe('<div><p>the locks</p></div>');
    boundary.state = { ...boundary.state, ...PanelBoundary.getDerivedStateFromError(new TypeError("Cannot read properties of undefined (reading 'rows')")) };
    const html = rendered(boundary);
    expect(html).toContain('role="alert"');
    expect(html).toContain('The Locks view failed: Cannot read properties of undefined (reading &#x27;rows&#x27;).');
    expect(html).not.toContain('the locks');
  });

  it('gives the view another try when the case result changes, not on any other render', () => {
    const failed = { error: new Error('x'), resetKey: 'result 1' };
    expect(PanelBoundary.getDerivedStateFromProps({ name: 'Locks', resetKey: 'result 1', children: null }, failed)).toBeNull();
    expect(PanelBoundary.getDerivedStateFromProps({ name: 'Locks', resetKey: 'result 2', children: null }, failed)).toStrictEqual({ error: undefined, resetKey: 'result 2' });
  });
});
