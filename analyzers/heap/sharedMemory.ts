/** Shared memory where the runtime has it (a helper thread can then read without a copy); plain memory elsewhere. */
export const shareableBuffer = (byteLength: number): ArrayBufferLike =>
  typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(byteLength) : new ArrayBuffer(byteLength);

/** Whether posting the array to a thread shares it (else it would be copied). */
export const isShared = (a: ArrayBufferView): boolean => typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
