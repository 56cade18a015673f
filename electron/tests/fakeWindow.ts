import { EventEmitter } from 'node:events';

/** A window as main sees it: `close` emits a preventable 'close' event and closes unless prevented. */
export class FakeWindow extends EventEmitter {
  closed = false;
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
}
