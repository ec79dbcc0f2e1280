import { HttpException } from '@nestjs/common';
import { PROBLEM_BASE, titleOf, type ProblemDetails } from './problem-details';

/**
 * An HTTP refusal that is not a business rule and not a field error: a limit, a media type, a reused key.
 * It leaves as exactly this problem document (the filter adds `instance`), so the type names the cause.
 */
export class ProblemException extends HttpException {
  readonly problem: ProblemDetails;

  constructor(status: number, slug: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail, status);
    this.problem = { type: `${PROBLEM_BASE}/${slug}`, title: titleOf(status), status, detail, ...extensions };
  }
}
