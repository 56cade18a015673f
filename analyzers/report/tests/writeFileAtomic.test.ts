import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

describe('writeFileAtomic', () => {
  it('a process killed (SIGKILL) in the middle of saving leaves the previous file whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftermath-atomic-'));
    const target = join(dir, 'incident.aftermath');
    const previous = Buffer.from('the previous case file, which must survive\n'.repeat(1000));
    writeFileSync(target, previous);
    // A save big enough to be caught in the middle: 256 MiB written by another process.
    const script = `import { writeFileAtomic } from ${JSON.stringify(join(ROOT, 'analyzers/report/writeFileAtomic.ts'))};
      await writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(256 * 1024 * 1024, 7));
      console.log('saved');`;
    const saver = join(mkdtempSync(join(tmpdir(), 'aftermath-saver-')), 'save.mts');
    writeFileSync(saver, script);
    const child = spawn(process.execPath, ['--import', 'tsx', saver], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    // Killed as soon as the temporary file has bytes in it: the save is under way.
    const tmpWithBytes = () => readdirSync(dir).some((f) => f.endsWith('.tmp') && statSync(join(dir, f)).size > 0);
    for (let i = 0; i < 600 && !tmpWithBytes() && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(tmpWithBytes()).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('saved');
    expect(readFileSync(target).equals(previous)).toBe(true);
  }, 60_000);
});
