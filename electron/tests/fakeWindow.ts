import { EventEmitter } from 'node:events';

let lastId = 0;

/**
 * A page as main sees it: while `vetoes` (unsaved edits), its `beforeunload` vetoes an unload, which
 * Electron puts to main as a preventable 'will-prevent-unload'; the unload goes ahead only if prevented.
 */
export class FakeWebContents extends EventEmitter {
  readonly id = ++lastId;
  vetoes = false;
  reloads = 0;

  /** Whether the page may go. */
  unload(): boolean {
    if (!this.vetoes) return true;
    let overridden = false;
    this.emit('will-prevent-unload', { preventDefault: () => (overridden = true) });
    return overridden;
  }

  reload(): void {
    if (this.unload()) this.reloads += 1;
  }
}

/**
 * A window as main sees it: `close` emits a preventable 'close' event and then, as Electron does,
 * unloads the page; it closes unless either is prevented.
 */
export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  closed = false;
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented && this.webContents.unload()) this.closed = true;
  }
  isDestroyed(): boolean {
    return this.closed;
  }
}
