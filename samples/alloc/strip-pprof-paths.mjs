// Copies a gzipped pprof profile with a directory removed from its string table (field 6 of the
// Profile message: the binary's path in the mappings); every other byte of the message is kept.
// Usage: node strip-pprof-paths.mjs in.pb.gz out.pb.gz /abs/dir
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const [input, output, dir] = process.argv.slice(2);
const bytes = gunzipSync(readFileSync(input));
const varint = (at) => {
  let value = 0;
  for (let i = 0, mult = 1; ; i++, mult *= 128) {
    value += (bytes[at + i] & 0x7f) * mult;
    if ((bytes[at + i] & 0x80) === 0) return { value, next: at + i + 1 };
  }
};
const encode = (n) => {
  const out = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return Buffer.from(out);
};
const parts = [];
for (let at = 0; at < bytes.length; ) {
  const tag = varint(at);
  const wire = tag.value % 8;
  const v = varint(tag.next);
  const end = wire === 0 ? v.next : v.next + v.value;
  if (tag.value === (6 << 3) + 2) {
    const text = bytes.subarray(v.next, end).toString('utf8').split(`${dir}/`).join('');
    parts.push(encode(tag.value), encode(Buffer.byteLength(text)), Buffer.from(text));
  } else parts.push(bytes.subarray(at, end));
  at = end;
}
writeFileSync(output, gzipSync(Buffer.concat(parts), { level: 9 }));
