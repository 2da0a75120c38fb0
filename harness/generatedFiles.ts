/**
 * Files a generator script writes from the code (schemas, spec modules, a document's generated
 * section), committed so that readers and reviewers see them, and kept in step by a spec that
 * runs the generator's `--check`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";

/** Of `generated` (repository path → content), the files whose committed content under `root` differs. */
export function staleOf(root: string, generated: Record<string, string>): string[] {
  return Object.entries(generated)
    .filter(([file, content]) => {
      const full = path.join(root, file);
      return !fs.existsSync(full) || fs.readFileSync(full, "utf8") !== content;
    })
    .map(([file]) => file);
}

/**
 * The command line of a generator script (`script`, a repository path): with `--check`, names each
 * file that differs from what it would write and answers 1 if any does; without, writes them.
 * @returns the exit code (2 for a usage error).
 */
export function runGenerator(argv: readonly string[], root: string, script: string, generate: () => Record<string, string>): number {
  let check: boolean | undefined;
  try {
    check = parseArgs({ args: [...argv], options: { check: { type: "boolean" } } }).values.check;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npx ts-node --transpile-only ${script} [--check]`);
    return 2;
  }
  const generated = generate();
  if (check) {
    const stale = staleOf(root, generated);
    for (const file of stale) {
      console.error(`${file} is out of date: run \`npx ts-node --transpile-only ${script}\``);
    }
    return stale.length === 0 ? 0 : 1;
  }
  for (const [file, content] of Object.entries(generated)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
    console.log(`wrote ${file}`);
  }
  return 0;
}
