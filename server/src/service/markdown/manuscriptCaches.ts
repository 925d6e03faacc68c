/**
 * What parsing manuscripts keeps between keystrokes, one per service (`ServiceCaches.manuscripts`): the parsed
 * chunks of every document (an edit re-parses only the chunk it touched, `chunks.ts`) and the last front matter
 * read (`frontMatter.ts`). Dropped with the service, never shared by two.
 */
import { ChunkCache } from './chunks';
import { FrontMatterCache } from './frontMatter';

export class ManuscriptCaches {
  readonly chunks = new ChunkCache();
  readonly frontMatter = new FrontMatterCache();
}
