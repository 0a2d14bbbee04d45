/**
 * Every paginated EC2 describe call the tool makes is read to its end: the NextToken of each
 * answer is followed, through the one paginated loop (src/aws/paginate.ts: at most MAX_PAGES
 * pages, and a token served twice ends it with exit 5's TransientError). One page of several
 * is never judged as the whole listing.
 */
import { TransientError } from '../../errors.ts';
import { mapAwsError } from '../../aws/map-aws-error.ts';
import { collectPages } from '../../aws/paginate.ts';

/** What one page of a describe call gives: its items and the token of the next page, if any. */
export interface Ec2Page<T> {
  items?: T[];
  nextToken?: string;
}

/** Every page answered, but the listing did not end (a token served twice, too many pages). */
export class UnfinishedListingError extends TransientError {
  constructor(
    readonly operation: string,
    cause: TransientError,
  ) {
    super(cause.message, cause.details, { cause });
  }
  /** One line for a doctor check: what kept the listing from ending. */
  get reason(): string {
    return `EC2 ${this.operation} could not be read to its end (${this.message.split('. Retry')[0]}): not judged on part of the listing`;
  }
}

/** Every item of `operation`, page after page; each failure mapped to the tool's errors. */
export async function describeAllPages<T>(operation: string, send: (nextToken: string | undefined) => Promise<Ec2Page<T>>): Promise<T[]> {
  let failedCall: unknown;
  try {
    return await collectPages(operation, async (token) => {
      let page: Ec2Page<T>;
      try {
        page = await send(token);
      } catch (err) {
        throw (failedCall = mapAwsError(operation, err));
      }
      // EC2 ends a listing by leaving NextToken out; an empty one ends it too.
      return { items: page.items ?? [], nextToken: page.nextToken || undefined };
    });
  } catch (err) {
    if (err !== failedCall && err instanceof TransientError) throw new UnfinishedListingError(operation, err);
    throw err;
  }
}
