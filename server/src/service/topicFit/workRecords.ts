/**
 * The works of a topic model by index (the space's work numbers) and by id: what scoring and explanations
 * read of a work beyond its vectors (which live in the space's shared arrays).
 */
import type { Evidence } from './calibration';
import type { ModelSettings } from './options';
import type { Steps } from '../slices';
import { STEP, type TopicSpace } from './space';
import { workFullText, type WorkText } from './texts';

/** A work's text and what explanations need. */
export interface WorkRecord {
  id: string;
  text: WorkText;
  judgeable: boolean;
  concepts: ReadonlySet<string>;
  /** Salient phrases, computed by the explanation on first use. */
  about?: string[];
  /** Abstract or title only (calibration.ts), computed on first use. */
  evidence?: Evidence;
  /** Its title is in another language than the other works' (sharedVocabulary.ts), computed on first use. */
  titleApart?: boolean;
}

export interface WorkRecords {
  /** By work number. */
  records: WorkRecord[];
  /** Work id → work number. */
  byId: Map<string, number>;
}

/** The concepts of every work when no taxonomy is given (one shared empty set, not one per work). */
const NO_CONCEPTS: ReadonlySet<string> = new Set();

/** The records of `works` (de-duplicated, in the space's order). */
export function* workRecordsSteps(space: TopicSpace, works: readonly WorkText[], opt: ModelSettings): Steps<WorkRecords> {
  const records: WorkRecord[] = [];
  const byId = new Map<string, number>();
  for (let w = 0; w < space.nWorks; w++) {
    if (w % STEP === STEP - 1) yield;
    const work = works[w];
    records.push({
      id: work.id,
      text: work,
      judgeable: space.judgeable[w] === 1,
      concepts: opt.conceptsOf ? new Set(opt.conceptsOf(workFullText(work))) : NO_CONCEPTS,
    });
    byId.set(work.id, w);
  }
  return { records, byId };
}
