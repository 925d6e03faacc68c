/**
 * The section gate, measured by `npm run eval` and not shipped (docs/topic-fit.md, "Tried in issue 15's third
 * round"). A title-only work whose low fit is a right citation is usually cited for a point its title does not
 * word ("Walking away from the American Chemical Society" for libraries cancelling subscriptions), and the
 * section it is cited in is about what the work is about: the section's words cover its title better than any
 * other section's do. A work swapped in from elsewhere is about another section's topic. So a title-only work is
 * not flagged when its **section share** is high:
 *
 *   section share = (IDF-weighted title words the claim's section uses, the claim's own words left out)
 *                   / (the same for the section that uses most of them)        (0 when no section uses any)
 *
 * Sections are the text between ATX headings; IDF is over sections. A work whose words no section uses keeps
 * its flag (share 0), so an error whose wrong work is about nothing in the manuscript is still caught — unlike
 * a gate on "the work fits some other sentence", which the swap test rewards only because a swapped-in work
 * always comes from a sentence about it (the example's errors lost their flags under that one).
 */
import { readFileSync } from 'node:fs';
import { terms } from '../server/src/service/topicFit/terms';
import { isOffTopic } from '../server/src/service/topicFit/calibration';
import { exampleCatches, figures, GRID, manuscripts, MIN_EXAMPLE_CATCHES, precision, recall, type CoreFigures, type Occurrence } from './topicFitCore';

const stemsOf = (text: string): Set<string> => new Set(terms(text).map((t) => t.stem));

/** Sets `sectionShare` on every occurrence of `manuscript` (its text: `text`; claims are placed by the unmodified run). */
export function setSectionShares(occ: Occurrence[], manuscript: string, text: string): void {
  const heads = [...text.matchAll(/^#{1,6}\s.*$/gm)].map((m) => m.index!);
  const bounds = [0, ...heads, text.length];
  const sections = bounds.slice(0, -1).map((start, i) => ({ start, end: bounds[i + 1], stems: stemsOf(text.slice(start, bounds[i + 1])) }));
  const df = new Map<string, number>();
  for (const s of sections) for (const t of s.stems) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string): number => Math.log(1 + (sections.length + 1) / ((df.get(t) ?? 0) + 0.5));
  const mine = occ.filter((o) => o.manuscript === manuscript);
  // The same citation in every run has the same index; its claim's place is the unmodified text's.
  const startOf = new Map<number, number>();
  for (const o of mine) if (o.run !== 'swap' && o.index !== undefined && o.claimStart !== undefined) startOf.set(o.index, o.claimStart);
  for (const o of mine) {
    const at = o.index === undefined ? undefined : startOf.get(o.index);
    const section = at === undefined ? undefined : sections.find((s) => at >= s.start && at < s.end);
    const title = [...stemsOf(o.title ?? '')];
    if (!section || !title.length) continue;
    const own = stemsOf(o.claim);
    const mass = (s: { stems: Set<string> }, skipOwn: boolean): number => title.reduce((a, t) => a + (s.stems.has(t) && !(skipOwn && own.has(t)) ? idf(t) : 0), 0);
    const best = Math.max(...sections.map((s) => mass(s, false)));
    o.sectionShare = best > 0 ? mass(section, true) / best : 0;
  }
}

/** A title-only rule with the gate: flagged when the score and paragraph are low and the section share below `share`. */
interface GatedRule {
  score: number;
  paragraph: number;
  share: number;
}

const SHARES = [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, Infinity];

/** Both severities: the shipped warnings (as the run flagged them) plus title-only flags under `rule`. */
const decideWith = (rule: GatedRule) => (o: Occurrence): boolean =>
  o.severity === 'warning' || (o.evidence === 'title' && isOffTopic(o, { abstract: rule, title: rule }) && (o.sectionShare ?? 0) < rule.share);

/**
 * The title-only rule and gate of the largest pooled recall (both severities) at pooled swap precision ≥
 * `minPrecision`, within the information budget (≤ 5 per 100 on every manuscript) and keeping the example's
 * catches ([18] among them, no right citation flagged). `share` Infinity = no gate.
 */
function fitGated(occ: readonly Occurrence[], minPrecision: number, shares = SHARES): GatedRule | null {
  const names = manuscripts(occ);
  const byName = new Map(names.map((n) => [n, occ.filter((o) => o.manuscript === n)]));
  let best: { rule: GatedRule; hits: number; flags: number } | null = null;
  for (const score of GRID.score) {
    for (const paragraph of GRID.paragraph) {
      for (const share of shares) {
        const rule = { score, paragraph, share };
        const decide = decideWith(rule);
        if (names.some((n) => figures(byName.get(n)!, decide).per100 > 5)) continue;
        const ex = exampleCatches(occ, decide);
        if (ex.of > 0 && (ex.caught < MIN_EXAMPLE_CATCHES || ex.wrong > 0 || !ex.flagged.has('18'))) continue;
        const f = figures(occ, decide);
        if (precision(f) < minPrecision) continue;
        if (!best || f.hits > best.hits || (f.hits === best.hits && f.warnings < best.flags)) best = { rule, hits: f.hits, flags: f.warnings };
      }
    }
  }
  return best?.rule ?? null;
}

const fmt = (f: CoreFigures): string => `precision ${precision(f).toFixed(3)}, recall ${recall(f).toFixed(3)} (${f.hits} hits, ${f.falseAlarms} false alarms), flags on the unmodified texts ${f.warnings} (${f.per100.toFixed(1)} per 100)`;

/** The gate's figures: fitted on all seven and left one manuscript out, with and without it, per precision goal. */
export function reportSectionGate(occ: readonly Occurrence[]): void {
  console.log('\nSection gate (eval only): title-only flags also need the section share below a fitted bound; warnings as shipped.');
  for (const minPrecision of [0.8, 0.85]) {
    for (const [label, shares] of [['no gate', [Infinity]], ['gate', SHARES]] as const) {
      const rule = fitGated(occ, minPrecision, [...shares]);
      const all = rule ? fmt(figures(occ, decideWith(rule))) : 'nothing qualifies';
      console.log(`  pooled precision ≥ ${minPrecision}, ${label}: all seven ${JSON.stringify(rule)}: ${all}`);
      const total: CoreFigures = { per100: 0, warnings: 0, citations: 0, hits: 0, falseAlarms: 0, swapped: 0 };
      const folds: string[] = [];
      for (const n of manuscripts(occ)) {
        const held = occ.filter((o) => o.manuscript === n);
        const r = fitGated(occ.filter((o) => o.manuscript !== n), minPrecision, [...shares]);
        // A fold where nothing qualifies flags no title-only work (warnings stay).
        const f = figures(held, r ? decideWith(r) : (o) => o.severity === 'warning');
        for (const k of ['warnings', 'citations', 'hits', 'falseAlarms', 'swapped'] as const) total[k] += f[k];
        folds.push(`${n.slice(0, 12)} ${r ? `${r.score}/${r.paragraph}/${r.share}` : 'none'}`);
      }
      total.per100 = (100 * total.warnings) / Math.max(1, total.citations);
      console.log(`    left one out: ${fmt(total)}; fitted ${folds.join(', ')}`);
    }
  }
}

/** Reads each manuscript's text (the example's too) and computes the shares. */
export function addSectionShares(occ: Occurrence[], textOf: (manuscript: string) => string): void {
  for (const n of new Set(occ.map((o) => o.manuscript))) setSectionShares(occ, n, textOf(n));
}

export const readText = (path: string): string => readFileSync(path, 'utf8');
