// The desktop API (window.aftermath) is exposed here with contextBridge; filled in by the IPC wiring.
export {};
