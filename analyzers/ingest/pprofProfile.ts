import type { Type } from 'protobufjs';
import type { Frame } from '../core/frame';
import { InputError } from '../core/inputError';
import type { InputNotice } from './capability';
import type { FileSource } from './fileSource';
import { plural } from '../core/numberFormat';
import { readWhole } from './fileSource';
import type { PprofProfile } from './pprofModel';
import { parsePprofText, pprofTextKind } from './pprofText';

export type { PprofProfile } from './pprofModel';

/**
 * The pprof profile message (github.com/google/pprof, proto/profile.proto), the fields read here:
 * a profile is a list of samples, each a stack of location ids (innermost first) and one value per
 * sample type; locations hold lines (a function and a line; several when inlined, innermost first);
 * every name is an index into the string table.
 */
const PROFILE_SCHEMA = {
  nested: {
    Profile: {
      fields: {
        sampleType: { rule: 'repeated', type: 'ValueType', id: 1 },
        sample: { rule: 'repeated', type: 'Sample', id: 2 },
        location: { rule: 'repeated', type: 'Location', id: 4 },
        function: { rule: 'repeated', type: 'Function', id: 5 },
        stringTable: { rule: 'repeated', type: 'string', id: 6 },
        timeNanos: { type: 'int64', id: 9 },
        durationNanos: { type: 'int64', id: 10 },
        periodType: { type: 'ValueType', id: 11 },
        period: { type: 'int64', id: 12 },
        defaultSampleType: { type: 'int64', id: 14 },
      },
    },
    ValueType: { fields: { type: { type: 'int64', id: 1 }, unit: { type: 'int64', id: 2 } } },
    Sample: { fields: { locationId: { rule: 'repeated', type: 'uint64', id: 1 }, value: { rule: 'repeated', type: 'int64', id: 2 } } },
    Location: { fields: { id: { type: 'uint64', id: 1 }, address: { type: 'uint64', id: 3 }, line: { rule: 'repeated', type: 'Line', id: 4 } } },
    Line: { fields: { functionId: { type: 'uint64', id: 1 }, line: { type: 'int64', id: 2 } } },
    Function: { fields: { id: { type: 'uint64', id: 1 }, name: { type: 'int64', id: 2 }, systemName: { type: 'int64', id: 3 }, filename: { type: 'int64', id: 4 } } },
  },
};
let profileType: Promise<Type> | undefined;

/**
 * The message type the profile is decoded with (tests re-encode real profiles damaged with it).
 * protobufjs is loaded on the first profile, not with the analysis process: it is a third of the
 * process's start-up, which every heap snapshot or log waits for.
 */
export function pprofProfileType(): Promise<Type> {
  profileType ??= import('protobufjs').then(({ default: protobuf }) => protobuf.Root.fromJSON(PROFILE_SCHEMA).lookupType('Profile'));
  return profileType;
}

/** The profile's field numbers and their wire types (0 varint, 2 length-delimited; 13 may be packed or not). */
const FIELD_WIRE_TYPES: Record<number, number[]> = { 1: [2], 2: [2], 3: [2], 4: [2], 5: [2], 6: [2], 7: [0], 8: [0], 9: [0], 10: [0], 11: [2], 12: [0], 13: [0, 2], 14: [0] };

type Long = number | { toNumber(): number };
const n = (v: Long | undefined | null): number => (v === undefined || v === null ? 0 : typeof v === 'number' ? v : v.toNumber());


function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = 0, mult = 1; i < 10 && at + i < bytes.length; i++, mult *= 128) {
    value += (bytes[at + i] & 0x7f) * mult;
    if ((bytes[at + i] & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return undefined;
}

/**
 * The head's bytes walked as a pprof Profile message: every top-level field a Profile field with its
 * wire type, with a sample type or a sample among them; undefined when they are not one (a text file
 * fails at its first byte, another protobuf at its first foreign field). The names of the sample
 * types are in the string table at the end, so the head tells only how many there are: a Go heap
 * profile has four (alloc/inuse objects and space), mutex and block profiles two.
 */
export function pprofHead(head: Uint8Array | undefined): { sampleTypes: number } | undefined {
  if (!head || head.length < 8) return undefined;
  let at = 0;
  let fields = 0;
  let sampleTypes = 0;
  let samples = 0;
  while (at < head.length) {
    const tag = readVarint(head, at);
    if (!tag) break;
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (!FIELD_WIRE_TYPES[field]?.includes(wire)) return undefined;
    if (field === 1) sampleTypes++;
    if (field === 2) samples++;
    fields++;
    const v = readVarint(head, tag.next);
    if (!v) break;
    at = wire === 0 ? v.next : v.next + v.value;
  }
  return (sampleTypes > 0 || samples > 0) && fields >= 3 ? { sampleTypes } : undefined;
}

/** Past this a profile is not a process's profile (Go's heap profiles of big services are a few MiB). */
const MAX_BYTES = 512 * 2 ** 20;

/** The profile as text when it is Go's legacy text form (`?debug=1`), in whatever dress a copy gave it; else undefined. */
function legacyText(bytes: Buffer): string | undefined {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  const decode = (b: Uint8Array) => new TextDecoder(encoding).decode(b).replace(/\r\n?/g, '\n');
  if (!pprofTextKind(decode(bytes.subarray(0, 512)))) return undefined;
  return decode(bytes);
}

/**
 * A pprof profile (gzipped protobuf, as `/debug/pprof/*` and `pprof -proto` write it, or Go's legacy
 * text form of `?debug=1`), decoded and resolved.
 */
export async function readPprof(source: FileSource, signal: AbortSignal): Promise<PprofProfile> {
  const tooLarge = () => new InputError(source.name, `is larger than ${MAX_BYTES / 2 ** 20} MiB: not one process's profile`, { byteOffset: MAX_BYTES });
  const bytes = await readWhole(source, MAX_BYTES, tooLarge, undefined, signal, true);
  const text = legacyText(bytes);
  if (text !== undefined) return parsePprofText(source.name, text);
  const ProfileType = await pprofProfileType();
  let decoded: Record<string, unknown>;
  try {
    decoded = ProfileType.toObject(ProfileType.decode(bytes), { defaults: true, arrays: true });
  } catch (e) {
    // protobufjs names the offset ("index out of range: 1234 + 10 > 1240"): a cut file ends inside a field.
    const cut = /index out of range/.test(String(e)) ? ' (it ends inside a field: cut short?)' : '';
    throw new InputError(source.name, `is not a readable pprof profile${cut}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const strings = decoded.stringTable as string[];
  // Damage a valid protobuf can still carry (a bit flip in an id or a value): counted, told once each.
  let danglingStrings = 0;
  const str = (i: Long) => {
    const at = n(i);
    if (at >= strings.length || at < 0) danglingStrings++;
    return strings[at] ?? '';
  };
  const functions = new Map((decoded.function as { id: Long; name: Long; systemName: Long; filename: Long }[]).map((f) => [n(f.id), f]));
  let danglingFunctions = 0;
  const locations = new Map(
    (decoded.location as { id: Long; address: Long; line: { functionId: Long; line: Long }[] }[]).map((loc) => {
      // Inlined calls are several lines of one location, innermost first: each is a frame.
      const frames: Frame[] = loc.line.map((l) => {
        const f = functions.get(n(l.functionId));
        if (!f) danglingFunctions++;
        const frame: Frame = { fn: f ? str(f.name) || str(f.systemName) : '??' };
        const file = f ? str(f.filename) : '';
        if (file) frame.file = file;
        if (n(l.line) > 0) frame.line = n(l.line);
        return frame;
      });
      return [n(loc.id), frames.length ? frames : [{ address: `0x${n(loc.address).toString(16)}` }]];
    }),
  );
  const valueType = (v: { type: Long; unit: Long }) => ({ type: str(v.type), unit: str(v.unit) });
  const sampleTypes = (decoded.sampleType as { type: Long; unit: Long }[]).map(valueType);
  let danglingLocations = 0;
  let wrongValueCount = 0;
  let negative = 0;
  const samples: PprofProfile['samples'] = [];
  for (const s of decoded.sample as { locationId: Long[]; value: Long[] }[]) {
    const values = s.value.map(n);
    // Go writes one value per sample type, none negative; other counts would be read under the wrong type.
    if (values.length !== sampleTypes.length) wrongValueCount++;
    else if (values.some((v) => v < 0)) negative++;
    else {
      const frames = s.locationId.flatMap((id) => {
        const frames = locations.get(n(id));
        if (frames) return frames;
        danglingLocations++;
        return [{ address: `location ${n(id)}` }];
      });
      samples.push({ frames, values });
    }
  }
  const damage: InputNotice[] = [];
  if (wrongValueCount) damage.push({ message: `${plural(wrongValueCount, 'sample')} with other than ${sampleTypes.length} values (one per sample type) left out` });
  if (negative) damage.push({ message: `${plural(negative, 'sample')} with a negative value left out (Go writes none; a pprof -diff_base profile is not read as one)` });
  if (danglingLocations) damage.push({ message: `${plural(danglingLocations, 'stack frame')} ${danglingLocations === 1 ? 'names' : 'name'} a location the profile does not have: shown as "location <id>"` });
  if (danglingFunctions) damage.push({ message: `${plural(danglingFunctions, 'location line')} ${danglingFunctions === 1 ? 'names' : 'name'} a function the profile does not have: shown as "??"` });
  if (danglingStrings) damage.push({ message: `${plural(danglingStrings, 'name')} ${danglingStrings === 1 ? 'points' : 'point'} past the string table: shown empty` });
  const profile: PprofProfile = { sampleTypes, samples, period: n(decoded.period as Long), damage };
  if (decoded.periodType) profile.periodType = valueType(decoded.periodType as { type: Long; unit: Long });
  const nanos = n(decoded.timeNanos as Long);
  if (nanos > 0) profile.timeMs = Math.round(nanos / 1e6);
  if (profile.sampleTypes.length === 0) throw new InputError(source.name, 'is a pprof profile without sample types: nothing says what its values count');
  return profile;
}
