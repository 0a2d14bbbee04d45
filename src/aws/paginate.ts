/** Every paginated AWS list call goes through here: a repeated token or too many pages end it. */
import { TransientError } from '../errors.ts';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Pages of 100 groups (the API's maximum): 50 pages is 5 000 groups, far above the account quota. */
export const MAX_PAGES = 50;

export async function collectPages<T>(
  operation: string,
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
  maxPages = MAX_PAGES,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const got = await fetchPage(token);
    items.push(...got.items);
    token = got.nextToken;
    if (token === undefined) return items;
    if (seen.has(token)) {
      throw new TransientError(
        `${operation} served the same page token twice (after ${page} pages): the listing never ends. Retry ${operation}: run the command again in a moment.`,
      );
    }
    if (page >= maxPages) {
      throw new TransientError(
        `${operation} had more than ${maxPages} pages: stopped rather than follow the listing for ever. Retry ${operation}; if the account really holds this many, report it.`,
      );
    }
    seen.add(token);
  }
}

/** The items, each id once (first occurrence kept): a repeated page or entry names a group twice. */
export function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}
