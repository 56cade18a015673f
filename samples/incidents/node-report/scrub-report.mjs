// Prints a Node diagnostic report with this machine's environment variables emptied but NODE_OPTIONS
// (the analysis reads the heap limit set there) and the given directories replaced by `.`; every
// other field is kept as Node wrote it.
import { readFileSync } from 'node:fs';

const [file, ...dirs] = process.argv.slice(2);
let text = readFileSync(file, 'utf8');
for (const dir of dirs) text = text.split(`file://${dir}/`).join('file://./').split(`${dir}/`).join('').split(dir).join('.');
const report = JSON.parse(text);
const { NODE_OPTIONS } = report.environmentVariables ?? {};
report.environmentVariables = NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS };
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
