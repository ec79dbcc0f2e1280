#!/usr/bin/env node
// Keeps docs/rules.md honest: under each rule it lists the tests whose names cite the rule (`C4: ...`) and the
// source files that cite it. `node tools/rules/rules.js` rewrites those lists; `--check` (run by `npm test`)
// fails when they are stale or when a test cites a rule that docs/rules.md does not define.
'use strict';
const { readFileSync, writeFileSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '../..');
const rulesFile = join(root, 'docs/rules.md');
const SOURCE_DIRS = ['apps', 'libs', 'tools'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'peer', 'data', '.nx']);

/** Every .ts file under the source folders, in a stable order. */
function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (SKIP_DIRS.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  return files;
}

/** Rule ids in the order docs/rules.md defines them (`### C4 Reclaim when neglected`). */
function definedRules(text) {
  return [...text.matchAll(/^### ([A-Z]\d{1,2}) /gm)].map((m) => m[1]);
}

const TITLE = /\b(?:it|test|describe)(?:\.(?:each\([^)]*\)|only|skip|concurrent))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
const RULE_ID = /\b([A-Z]\d{1,2})\b/g;

/** The rule ids a test title cites: those before its first colon (`C1, C9: refusals stay internal`). */
function citedBy(title) {
  const colon = title.indexOf(':');
  if (colon < 0 || colon > 40) return [];
  return [...title.slice(0, colon).matchAll(RULE_ID)].map((m) => m[1]);
}

function collect(rules) {
  const known = new Set(rules);
  const tests = new Map(rules.map((id) => [id, []]));
  const code = new Map(rules.map((id) => [id, new Set()]));
  const unknown = [];
  for (const file of sourceFiles()) {
    const rel = relative(root, file);
    const text = readFileSync(file, 'utf8');
    if (rel.endsWith('.spec.ts')) {
      for (const match of text.matchAll(TITLE)) {
        const title = match[2].replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');
        for (const id of new Set(citedBy(title))) {
          if (known.has(id)) tests.get(id).push(`\`${rel}\`: ${title}`);
          else unknown.push(`${rel}: "${title}" cites ${id}, which docs/rules.md does not define`);
        }
      }
    } else if (!rel.startsWith('tools/')) {
      for (const match of text.matchAll(RULE_ID)) if (known.has(match[1])) code.get(match[1]).add(rel);
    }
  }
  return { tests, code, unknown };
}

function section(id, tests, code) {
  const lines = [];
  if (tests.length === 0) lines.push('*Proven by:* no test cites this rule yet.');
  else {
    lines.push(`*Proven by* (${tests.length}):`);
    for (const test of tests) lines.push(`- ${test}`);
  }
  if (code.size > 0) lines.push('', `*Implemented in:* ${[...code].sort().map((f) => `\`${f}\``).join(', ')}`);
  return `<!-- rules:${id} -->\n${lines.join('\n')}\n<!-- /rules:${id} -->`;
}

function render(text) {
  const rules = definedRules(text);
  const { tests, code, unknown } = collect(rules);
  let out = text;
  for (const id of rules) {
    const block = new RegExp(`<!-- rules:${id} -->[\\s\\S]*?<!-- /rules:${id} -->`);
    if (!block.test(out)) throw new Error(`docs/rules.md: rule ${id} has no <!-- rules:${id} --> block`);
    out = out.replace(block, () => section(id, tests.get(id), code.get(id)));
  }
  return { out, unknown, untested: rules.filter((id) => tests.get(id).length === 0) };
}

module.exports = { citedBy, definedRules };

if (require.main === module) main();

function main() {
  const check = process.argv.includes('--check');
  const text = readFileSync(rulesFile, 'utf8');
  const { out, unknown, untested } = render(text);
  for (const problem of unknown) console.error(`rules: ${problem}`);
  if (check) {
    if (out !== text) {
      console.error('rules: docs/rules.md is stale (tests or code citing rules changed); run `npm run rules` and commit it.');
      process.exit(1);
    }
    if (unknown.length > 0) process.exit(1);
    console.log(`rules: docs/rules.md is current; ${untested.length} rule(s) not yet cited by a test: ${untested.join(' ') || '-'}`);
  } else {
    writeFileSync(rulesFile, out);
    console.log(`rules: docs/rules.md updated; not yet cited by a test: ${untested.join(' ') || '-'}`);
    if (unknown.length > 0) process.exit(1);
  }
}
