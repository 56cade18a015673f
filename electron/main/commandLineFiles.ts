/**
 * The files given on the command line, from `process.argv`. Electron's argv is
 * `[electron, switches…, <app path>, files…]` in development and `[app, switches…, files…]` when
 * packaged; Chromium and Electron switches start with `-`, and `--` ends the switches.
 */
export function commandLineFiles(argv: readonly string[], isPackaged: boolean): string[] {
  let appPathPending = !isPackaged;
  let switchesEnded = false;
  const files: string[] = [];
  for (const arg of argv.slice(1)) {
    if (!switchesEnded && arg === '--') {
      switchesEnded = true;
      continue;
    }
    if ((!switchesEnded && arg.startsWith('-')) || arg.length === 0) continue;
    if (appPathPending) {
      appPathPending = false;
      continue;
    }
    files.push(arg);
  }
  return files;
}
