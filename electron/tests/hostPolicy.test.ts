import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, trustedOrigins } from '../main/appOrigin';
import { rendererFileFor } from '../main/appProtocol';
import { commandLineFiles } from '../main/commandLineFiles';
import { menuTemplate } from '../main/menu';
import { isTrustedUrl } from '../main/senderCheck';
import { isRequestAllowed } from '../main/sessionSecurity';
import { EXPORT_FORMATS } from '../../analyzers/report/exportFormats';

vi.mock('electron', () => import('./fakeElectron'));

describe('files from the command line', () => {
  it('skips the Electron binary, the app path and switches in development', () => {
    expect(commandLineFiles(['/usr/lib/electron/electron', '.', 'a.heapsnapshot', 'logs/b.txt'], false)).toEqual(['a.heapsnapshot', 'logs/b.txt']);
    expect(commandLineFiles(['electron', '--inspect=9229', '.', '--no-sandbox', 'a.heapsnapshot'], false)).toEqual(['a.heapsnapshot']);
    expect(commandLineFiles(['electron', 'out/main/index.js'], false)).toEqual([]);
  });

  it('takes everything after the executable when packaged, and names after -- even if they start with a dash', () => {
    expect(commandLineFiles(['/opt/Aftermath/aftermath', 'a.heapsnapshot', '--enable-logging', 'b.csv'], true)).toEqual(['a.heapsnapshot', 'b.csv']);
    expect(commandLineFiles(['/opt/Aftermath/aftermath', '--', '-odd-name.log'], true)).toEqual(['-odd-name.log']);
  });
});

describe('the app:// origin', () => {
  const trusted = trustedOrigins(undefined);

  it('trusts only the app scheme and host, parsed rather than prefix-matched', () => {
    expect(isTrustedUrl(APP_ENTRY_URL, trusted)).toBe(true);
    expect(isTrustedUrl('app://aftermath/index.html#/heap', trusted)).toBe(true);
    for (const url of ['app://aftermath.evil/', 'app://evil/aftermath', 'https://aftermath/', 'file:///app/aftermath/index.html', 'app://u:p@aftermath/', 'not a url', '']) {
      expect(isTrustedUrl(url, trusted), url).toBe(false);
    }
  });

  it('adds the electron-vite dev server only when it is a loopback http URL', () => {
    expect(trustedOrigins('http://localhost:5173/')).toContainEqual({ protocol: 'http:', host: 'localhost:5173' });
    expect(isTrustedUrl('http://localhost:5173/index.html', trustedOrigins('http://localhost:5173'))).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', trustedOrigins('http://localhost:5173'))).toBe(false);
    expect(trustedOrigins('https://example.com/')).toHaveLength(1);
  });

  it('serves only files inside the renderer folder', () => {
    const root = resolve('/srv/out/renderer');
    expect(rendererFileFor('app://aftermath/', root)).toBe(join(root, 'index.html'));
    expect(rendererFileFor('app://aftermath/assets/index-1.js?v=1', root)).toBe(join(root, 'assets', 'index-1.js'));
    // URL parsing already resolves plain and %2e dot segments at the root: they stay inside.
    expect(rendererFileFor('app://aftermath/../main/index.js', root)).toBe(join(root, 'main', 'index.js'));
    expect(rendererFileFor('app://aftermath/%2e%2e/main/index.js', root)).toBe(join(root, 'main', 'index.js'));
    for (const url of ['app://aftermath/assets/%2E%2E%2F%2E%2E%2Fmain%2Findex.js', 'app://aftermath/..%2f..%2fmain%2findex.js', 'app://aftermath/%00', 'app://other/index.html', 'https://aftermath/index.html', 'app://aftermath/%E0%A4%A']) {
      expect(rendererFileFor(url, root), url).toBeUndefined();
    }
  });
});

describe('no remote content', () => {
  it('refuses network requests except to the dev server, and lets local schemes through', () => {
    const policy = { allowedNetworkOrigins: [] };
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8080/', 'wss://example/', 'ftp://example/f']) expect(isRequestAllowed(url, policy), url).toBe(false);
    for (const url of [APP_ENTRY_URL, 'data:image/png;base64,AA', 'devtools://devtools/bundled/x.html']) expect(isRequestAllowed(url, policy), url).toBe(true);
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', { allowedNetworkOrigins: ['http://localhost:5173'] })).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', { allowedNetworkOrigins: ['http://localhost:5173'] })).toBe(false);
  });
});

describe('application menu', () => {
  const actions = { open: vi.fn(), exportReport: vi.fn(), reload: vi.fn(), about: vi.fn() };
  const labels = (items: Electron.MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.role);

  it('has File (Open…, Export report, Quit), Edit, View and Help, wired to the actions', () => {
    const menu = menuTemplate(actions, 'linux', true);
    expect(labels(menu)).toEqual(['&File', 'editMenu', '&View', 'help']);
    const file = menu[0].submenu as Electron.MenuItemConstructorOptions[];
    expect(labels(file)).toEqual(['Open…', 'Export report', undefined, 'quit']);
    (file[0].click as () => void)();
    expect(actions.open).toHaveBeenCalledTimes(1);
    const formats = file[1].submenu as Electron.MenuItemConstructorOptions[];
    expect(formats.map((f) => f.label)).toEqual(['Markdown…', 'HTML…', 'JSON…', 'PDF…', 'Aftermath case…']);
    formats.forEach((f) => (f.click as () => void)());
    expect(actions.exportReport.mock.calls).toEqual(EXPORT_FORMATS.map((f) => [f]));
  });

  it('offers developer tools only outside a packaged app, and the app menu on macOS', () => {
    const roles = (m: Electron.MenuItemConstructorOptions[]) => (m.find((i) => i.label === '&View')?.submenu as Electron.MenuItemConstructorOptions[]).map((i) => i.role);
    expect(roles(menuTemplate(actions, 'linux', true))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate(actions, 'linux', false))).toContain('toggleDevTools');
    expect(menuTemplate(actions, 'darwin', true)[0].role).toBe('appMenu');
  });

  it("reloads through the app's action, which asks about unsaved edits, not through a role that would not", () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const menu = menuTemplate(actions, platform, false);
      const view = menu.find((i) => i.label === '&View')?.submenu as Electron.MenuItemConstructorOptions[];
      const reloads = view.filter((i) => i.role === 'reload' || i.role === 'forceReload' || i.label === 'Reload');
      expect(reloads).toEqual([expect.objectContaining({ label: 'Reload', accelerator: 'CmdOrCtrl+R' })]);
      expect(reloads[0].role).toBeUndefined();
    }
    actions.reload.mockClear();
    const view = menuTemplate(actions, 'linux', true).find((i) => i.label === '&View')?.submenu as Electron.MenuItemConstructorOptions[];
    (view[0].click as () => void)();
    expect(actions.reload).toHaveBeenCalledTimes(1);
  });
});
