import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../core/inputError';
import { samplePath, SAMPLE_NAMES } from '../../heap/tests/fixtures';
import { runCase } from '../runCase';

/**
 * A cancel arrives as a message or a timer: work that never lets the event loop run never sees it.
 * Here it is a timer set while the heap model is being built (as a cancel message would be queued),
 * and the case must end cancelled at the next phase instead of running to its end.
 */
describe('cancel during the long synchronous phases', () => {
  for (const [during, phasesAfter] of [
    ['retainers', ['dominators', 'distances', 'summary', 'cycles']],
    ['dominators', ['distances', 'summary', 'cycles']],
  ] as const) {
    it(`a cancel queued during '${during}' ends the case cancelled before the phases after it`, async () => {
      const controller = new AbortController();
      const seen: string[] = [];
      const run = runCase([samplePath(SAMPLE_NAMES[0])], {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.phase);
          if (p.phase === during && seen.filter((s) => s === during).length === 1) setTimeout(() => controller.abort(), 0);
        },
      });
      await expect(run).rejects.toBeInstanceOf(CancelledError);
      expect(seen).toContain(during);
      for (const later of phasesAfter) expect(seen).not.toContain(later);
    }, 60_000);
  }
});
