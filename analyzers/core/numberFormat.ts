/**
 * `1204` → `1,204`: the one way Aftermath groups a count, in notices, findings, reports and the UI
 * alike, whatever the machine's locale (so a report reads the same wherever it was exported).
 * Rounds to a whole number: what is grouped is a count.
 */
export function groupDigits(n: number): string {
  return withThousands(String(Math.round(n)));
}

/** Commas into the whole part of digits with at most one decimal (`-2873.5` → `-2,873.5`): more decimals would be grouped too. */
const withThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `1 object`, `275,000 objects`, `2 classes` (with `pluralNoun` where adding "s" is wrong). */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${groupDigits(n)} ${nounFor(n, noun, pluralNoun)}`;
}

/** The noun alone, for a number written another way (`1.5 connections`, `1 connection`). */
export function nounFor(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return n === 1 ? noun : pluralNoun;
}

/**
 * `26.4 %`: a percentage as every output writes it (one decimal, a space before the sign, as the
 * reports and findings do; a growth of `2,873.5 %` grouped as a count is). A part that is not zero
 * but rounds to `0.0` reads `<0.1 %`, so a small object or frame is not shown as holding nothing.
 */
export function formatPercent(percent: number): string {
  if (percent > 0 && percent < 0.05) return '<0.1 %';
  return `${withThousands(percent.toFixed(1))} %`;
}

/** 0.264 → `26.4 %`: a share of a whole, written as `formatPercent` writes it. */
export const formatShare = (share: number): string => formatPercent(share * 100);

/**
 * `1 %`, `0.25 %`: a percentage someone set (a threshold, a gate's limit), stated as it was set, in
 * the same style: rounded as `formatPercent` rounds a measurement, 0.25 would read `0.3 %`.
 */
export const formatPercentLimit = (percent: number): string => `${Number(percent.toFixed(2))} %`;
