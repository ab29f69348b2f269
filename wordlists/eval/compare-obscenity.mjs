// Scores the npm `obscenity` package's English preset and Vigil on the same eval files, in one run, with the same
// binary scoring (wordlists/eval/README.md): any match on a labelled line finds it, any match on a `none` line is a
// false positive. Vigil is also scored by category (its own rules, ../shared/eval/README.md).
//
//   npm install            (in this folder; node_modules is git-ignored)
//   node compare-obscenity.mjs [--jar PATH] [--lists DIR] [--markdown] [--diff] FILE...
//
// --diff also lists, per file, the lines on which the two disagree: harmful lines only `obscenity` finds (with the
// words of its English dataset that matched, and a count of those words) and `none` lines only Vigil flags, so a
// tuning round can see why `obscenity` wins where it does (docs/adr/0168).
//
// FILE is an eval corpus (expected<TAB>text, header optional) or a .txt file of innocent lines, one a line, '#'
// comments (wordlists/src/test/resources/eval/fairness.txt): for those the figure is how many lines were flagged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let jar = resolve(here, '../target/vigil-wordlists.jar');
let lists = null;
let markdown = false;
let diff = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--jar') jar = args[++i];
  else if (args[i] === '--lists') lists = args[++i];
  else if (args[i] === '--markdown') markdown = true;
  else if (args[i] === '--diff') diff = true;
  else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
  else files.push(args[i]);
}
if (files.length === 0 || jar === undefined || lists === undefined) usage('no files given');

function usage(why) {
  console.error(`error: ${why}\nusage: node compare-obscenity.mjs [--jar PATH] [--lists DIR] [--markdown] [--diff] FILE...`);
  process.exit(2);
}

const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** The lines of an eval corpus, or of a file of innocent lines, as {expected: [] | [ids], text}. */
function readLines(file) {
  const content = readFileSync(file, 'utf8');
  const innocent = file.endsWith('.txt');
  const lines = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    if (innocent) {
      if (!line.trim().startsWith('#')) lines.push({ expected: [], text: line.trim() });
      return;
    }
    if (i === 0 && line.startsWith('expected\t')) return;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${file}:${i + 1}: expected 'categories<TAB>text'`);
    const field = line.slice(0, tab).trim();
    lines.push({ expected: field === 'none' ? [] : field.split('|'), text: line.slice(tab + 1) });
  });
  return lines;
}

function binaryScore(lines, flags) {
  let labelled = 0, found = 0, falsePositives = 0;
  lines.forEach((line, i) => {
    if (line.expected.length > 0) {
      labelled++;
      if (flags[i]) found++;
    } else if (flags[i]) {
      falsePositives++;
    }
  });
  return { lines: lines.length, labelled, found, falsePositives,
    precision: found + falsePositives === 0 ? 0 : found / (found + falsePositives),
    recall: labelled === 0 ? 0 : found / labelled };
}

/** The words of obscenity's English dataset that match a text, as its phrases name them ("fuck", "ass"...). */
function obscenityWords(text) {
  const words = obscenity.getAllMatches(text)
    .map(m => englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '?');
  return [...new Set(words)];
}

function vigil(tsv, binary, withLines = false) {
  const command = ['-jar', jar, ...(lists ? ['--lists', lists] : []), 'eval', '--json',
    ...(binary ? ['--binary'] : []), ...(withLines ? ['--misses'] : []), tsv];
  return JSON.parse(execFileSync('java', command, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

const scratch = mkdtempSync(join(tmpdir(), 'vigil-compare-'));
const rows = [];
try {
  for (const file of files) {
    const lines = readLines(file);
    const tsv = join(scratch, basename(file) + '.tsv');
    writeFileSync(tsv, 'expected\ttext\n' + lines.map(l => `${l.expected.length ? l.expected.join('|') : 'none'}\t${l.text}`).join('\n') + '\n');
    const theirFlags = lines.map(l => obscenity.hasMatch(l.text));
    const theirs = binaryScore(lines, theirFlags);
    const oursBinary = vigil(tsv, true, diff);
    const oursByCategory = vigil(tsv, false);
    rows.push({ file: basename(file), theirs, oursBinary, oursByCategory, lines, theirFlags });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const f = x => x.toFixed(3);
const pr = s => `${f(s.precision)} / ${f(s.recall)}`;
const innocentOnly = r => r.theirs.labelled === 0;
const flaggedOf = (n, of) => `${n} of ${of} flagged`;
if (markdown) {
  console.log('| file | lines (harmful / none) | obscenity P / R | Vigil P / R (binary) | Vigil P / R (by category) |');
  console.log('|---|---|---|---|---|');
} else {
  console.log(['file', 'lines', 'harmful', 'obscenity P/R', 'Vigil P/R binary', 'Vigil P/R by category'].join('\t'));
}
for (const r of rows) {
  const counts = `${r.theirs.lines} (${r.theirs.labelled} / ${r.theirs.lines - r.theirs.labelled})`;
  const cells = innocentOnly(r)
    ? [flaggedOf(r.theirs.falsePositives, r.theirs.lines), flaggedOf(r.oursBinary.falsePositives, r.theirs.lines), '']
    : [pr(r.theirs), pr(r.oursBinary), pr(r.oursByCategory)];
  if (markdown) console.log(`| ${r.file} | ${counts} | ${cells.join(' | ')} |`);
  else console.log([r.file, r.theirs.lines, r.theirs.labelled, ...cells].join('\t'));
}

if (diff) {
  for (const r of rows) {
    const missed = new Set(r.oursBinary.missed.map(o => o.text));
    const wronglyFlagged = new Set(r.oursBinary.wronglyFlagged.map(o => o.text));
    const ours = r.lines.map(l => l.expected.length > 0 ? !missed.has(l.text) : wronglyFlagged.has(l.text));
    const onlyTheirs = [], onlyOurs = [], words = new Map();
    r.lines.forEach((l, i) => {
      if (l.expected.length > 0 && r.theirFlags[i] && !ours[i]) {
        const w = obscenityWords(l.text);
        w.forEach(x => words.set(x, (words.get(x) ?? 0) + 1));
        onlyTheirs.push(`  [${w.join(', ')}] ${l.text}`);
      } else if (l.expected.length === 0 && ours[i] && !r.theirFlags[i]) {
        onlyOurs.push(`  ${l.text}`);
      }
    });
    console.log(`\n## ${r.file}: ${onlyTheirs.length} harmful lines only obscenity finds`
      + ` (${[...words].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${n}`).join(', ')})`);
    onlyTheirs.forEach(x => console.log(x));
    console.log(`## ${r.file}: ${onlyOurs.length} innocent lines only Vigil flags`);
    onlyOurs.forEach(x => console.log(x));
  }
}
