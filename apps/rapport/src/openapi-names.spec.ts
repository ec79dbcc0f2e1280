import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The all-in-one runtime serves one OpenAPI document for every service, and Nest's swagger names a schema after its
 * class: two services with a `CommandAcceptedDto` each would share one schema, and the document would describe one
 * of them wrongly (clients and the fuzz run trust it). Class names of HTTP models are unique across services.
 */
describe('the all-in-one OpenAPI document', () => {
  it('SEC-6: no two services declare an HTTP model class of the same name (one schema each in the shared document)', () => {
    const seen = new Map<string, string[]>();
    for (const file of sources(join(ROOT, 'libs'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^(?:export )?class (\w+(?:Dto|Query|Body|Page))\b/gm)) {
        seen.set(match[1]!, [...(seen.get(match[1]!) ?? []), relative(ROOT, file)]);
      }
    }
    const duplicates = [...seen.entries()].filter(([, files]) => files.length > 1);
    expect(duplicates).toEqual([]);
  });
});
