import { describe, expect, it } from 'vitest';
import { exportFileName } from '../exportFileName';

describe('exportFileName (export names from the case title)', () => {
  it('slugifies the title: lower case, accents dropped, one dash between words', () => {
    expect(exportFileName('Game server OOM kills, 2–3 March', 'md')).toBe('game-server-oom-kills-2-3-march.md');
    expect(exportFileName('Café façade: naïve résumé', 'html')).toBe('cafe-facade-naive-resume.html');
  });
  it('never lets a path or a header through', () => {
    expect(exportFileName('../../etc/passwd', 'json')).toBe('etc-passwd.json');
    expect(exportFileName('a"; filename="evil.exe', 'md')).toBe('a-filename-evil-exe.md');
    expect(exportFileName('C:\\Windows\\system32', 'pdf')).toBe('c-windows-system32.pdf');
  });
  it('cuts long titles at a word boundary and falls back when nothing usable is left', () => {
    const name = exportFileName('Post-mortem: memory leak in the game server after the friend system deploy, with OOM kills on day two', 'md');
    expect(name).toBe('post-mortem-memory-leak-in-the-game-server-after-the-friend.md');
    expect(name.length).toBeLessThanOrEqual(63);
    expect(exportFileName('——', 'md')).toBe('report.md');
    expect(exportFileName('', 'aftermath', 'case')).toBe('case.aftermath');
    expect(exportFileName('x'.repeat(100), 'md')).toBe(`${'x'.repeat(60)}.md`);
  });
});
