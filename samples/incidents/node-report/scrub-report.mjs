// Prints a Node diagnostic report with this machine's environment variables emptied and the given
// directories replaced by `.`; every other field is kept as Node wrote it.
import { readFileSync } from 'node:fs';

const [file, ...dirs] = process.argv.slice(2);
let text = readFileSync(file, 'utf8');
for (const dir of dirs) text = text.split(`file://${dir}/`).join('file://./').split(`${dir}/`).join('').split(dir).join('.');
const report = JSON.parse(text);
report.environmentVariables = {};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
