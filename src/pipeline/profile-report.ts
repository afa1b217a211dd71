import type { BuildProfile } from './build.ts';

/** Stages in the order a build runs them; a part of a stage is printed under it. */
const ORDER: [label: string, partOf?: string][] = [
  ['read sources'],
  ['cache'],
  ['normalize'],
  ['model'],
  ['write html'],
  ['html search index', 'write html'],
  ['write epub'],
  ['epub zip', 'write epub'],
  ['write pdf'],
  ['pdf line breaking', 'write pdf'],
  ['file writes'],
];

const NOTES: Record<string, string> = {
  cache: 'looking up .cache/ and checking the files of up-to-date formats',
  normalize: 'plain text to TEI, summed over the threads',
  model: 'the edition model read from the TEI, once for every writer',
  'file writes': 'while any write was in flight, per thread, summed over the threads',
};

/** `recto build --profile`: where the time went, a stage a line, seconds summed over the threads. */
export function formatProfile(profile: BuildProfile, wallSeconds: number): string {
  const threads =
    profile.workers > 0
      ? `${profile.workers} worker thread${profile.workers === 1 ? '' : 's'}, busy ${Math.round(profile.utilisation * 100)} % of their time`
      : 'no worker thread (all on the main thread)';
  const lines = [
    `profile: ${wallSeconds.toFixed(2)} s wall, ${profile.cpuSeconds.toFixed(2)} s CPU; ${threads}; peak RSS ${profile.peakRssMB} MB`,
  ];
  const known = new Set(ORDER.map(([label]) => label));
  const rows = [
    ...ORDER.filter(([label]) => label in profile.stages),
    ...Object.keys(profile.stages)
      .filter((label) => !known.has(label))
      .sort()
      .map((label): [string] => [label]),
  ];
  for (const [label, partOf] of rows) {
    const seconds = profile.stages[label] ?? 0;
    const name = partOf ? `  ${label}` : label;
    const note = NOTES[label] ? `  (${NOTES[label]})` : '';
    lines.push(`  ${name.padEnd(20)} ${seconds.toFixed(2).padStart(6)} s${note}`);
  }
  return lines.join('\n');
}
