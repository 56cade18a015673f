import type { Frame } from '../core/frame';
import type { InputNotice } from './capability';

/** A decoded profile with its stacks resolved: what alloc (heap) and locks (mutex, block) read. */
export interface PprofProfile {
  /** `inuse_space/bytes`, `contentions/count`, `delay/nanoseconds`… in the profile's order. */
  sampleTypes: { type: string; unit: string }[];
  samples: { frames: Frame[]; values: number[] }[];
  periodType?: { type: string; unit: string };
  period: number;
  /** When the profile was taken, when it says so. */
  timeMs?: number;
  /** What the profile holds that could not be read as it says (samples left out, dangling ids), each once. */
  damage: InputNotice[];
}
