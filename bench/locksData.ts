import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Where generated captures go (git-ignored); `npm run bench:locks` deletes them afterwards. */
export const BENCH_DATA = join(__dirname, 'data');
const REAL = join(__dirname, '../samples/locks/fixtures/perf_script_coarse.txt.gz');

export const capturePath = (megabytes: number) => join(BENCH_DATA, `locks-perf-script-${megabytes}MB.txt`);

const HEADER = /^(.*?\s)(\d+)(\s+\[\d+\]\s+)(\d+)\.(\d+)(:.*)$/;

/**
 * Writes a perf script capture of about `megabytes` MB by replaying the real coarse capture of the
 * inventory server over and over: each replay is shifted in time and keeps the thread ids (so a
 * wait still open at the end of one replay ends in the next, as in one long run), uses one of 4
 * sets of futex addresses, and every third replay calls from a different worker offset. The distinct stacks, locks and threads stay few (as in a long
 * capture of one program) while the file grows: memory must follow the former.
 */
export async function ensureCapture(megabytes: number): Promise<string> {
  const path = capturePath(megabytes);
  if (existsSync(path)) return path;
  mkdirSync(BENCH_DATA, { recursive: true });
  const records = gunzipSync(readFileSync(REAL)).toString('utf8').split('\n\n').filter((r) => r.trim());
  const first = HEADER.exec(records[0].split('\n', 1)[0]);
  const last = HEADER.exec(records[records.length - 1].split('\n', 1)[0]);
  if (!first || !last) throw new Error('unexpected capture layout');
  const spanUs = (Number(last[4]) - Number(first[4])) * 1e6 + (Number(last[5]) - Number(first[5])) + 1000;
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  let written = 0;
  for (let replay = 0; written < megabytes * 1e6; replay++) {
    const shiftUs = replay * spanUs;
    const addressDigit = (replay % 4).toString(16);
    const parts: string[] = [];
    for (const record of records) {
      const nl = record.indexOf('\n');
      const header = nl < 0 ? record : record.slice(0, nl);
      const m = HEADER.exec(header);
      if (!m) continue;
      const us = Number(m[4]) * 1e6 + Number(m[5]) + shiftUs;
      let args = m[6];
      if (addressDigit !== '0') args = args.replace(/uaddr: (0x[0-9a-f]+)[0-9a-f]/, `uaddr: $1${addressDigit}`);
      let stack = nl < 0 ? '' : record.slice(nl);
      if (replay % 3 === 1) stack = stack.replace(/worker\+0x(\w+)/g, (_s, off: string) => `worker+0x${(parseInt(off, 16) + 4).toString(16)}`);
      parts.push(`${m[1]}${m[2]}${m[3]}${Math.floor(us / 1e6)}.${String(Math.round(us % 1e6)).padStart(6, '0')}${args}${stack}\n\n`);
    }
    const chunk = parts.join('');
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  return path;
}
