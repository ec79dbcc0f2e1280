import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

export type StaticAnswer =
  | { readonly kind: 'file'; readonly path: string; readonly immutable: boolean }
  | { readonly kind: 'missing-build' }
  | { readonly kind: 'not-found' };

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/**
 * What to send for a request path below `/app`: the file itself when it is inside the build (never outside
 * it: `..` and absolute paths are refused), the SPA's index.html for a deep link without an extension, and
 * 404 for a missing asset (a stale index.html asking for an old bundle must fail loudly, not get HTML).
 */
export function resolveStatic(root: string, requestPath: string): StaticAnswer {
  const base = resolve(root);
  const index = resolve(base, 'index.html');
  if (!isFile(index)) return { kind: 'missing-build' };
  let relative: string;
  try {
    relative = decodeURIComponent(requestPath).replace(/^\/+/, '');
  } catch {
    return { kind: 'not-found' };
  }
  if (relative === '' || relative.endsWith('/')) return { kind: 'file', path: index, immutable: false };
  const candidate = resolve(base, relative);
  if (candidate !== base && !candidate.startsWith(base + sep)) return { kind: 'not-found' };
  if (isFile(candidate)) return { kind: 'file', path: candidate, immutable: relative.startsWith('assets/') };
  return extname(relative) === '' ? { kind: 'file', path: index, immutable: false } : { kind: 'not-found' };
}
