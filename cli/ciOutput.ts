import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../analyzers/report/writeFileAtomic';

/** True inside a GitHub Actions job (the runner sets GITHUB_ACTIONS=true). */
export const inGitHubActions = (env: NodeJS.ProcessEnv = process.env): boolean => env.GITHUB_ACTIONS === 'true';

/**
 * What a CI job reads besides the exit code: the JUnit file when asked for, and under GitHub Actions
 * the annotations (workflow commands on stdout) and the step summary appended to $GITHUB_STEP_SUMMARY.
 */
export async function writeCiOutput(
  out: { junitFile?: string; junit: () => string; annotations: () => string[]; stepSummary?: () => string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (out.junitFile) await writeFileAtomic(resolve(out.junitFile), out.junit());
  if (!inGitHubActions(env)) return;
  for (const line of out.annotations()) process.stdout.write(`${line}\n`);
  if (out.stepSummary && env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, out.stepSummary());
}
