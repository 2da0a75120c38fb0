/**
 * The README's code blocks, read from README.md itself so that the tests run what a user copies.
 *
 * A block that a user would run carries a marker on the line before its fence:
 *
 *     <!-- snippet: install -->
 *     ```sh
 *     npm install pulumi-realtimekit @pulumi/pulumi
 *     ```
 *
 * `test/projects/readme.spec.ts` checks that every `sh`, `ts` and `yaml` block has one and that each
 * named snippet is exercised.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../harness/offlineEngine";

/** One fenced block of README.md. */
export interface Snippet {
  /** The marker's name, or undefined for a block without one. */
  readonly name: string | undefined;
  /** The fence's language, e.g. `sh`. */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const MARKER = /^<!--\s*snippet:\s*([a-z0-9-]+)\s*-->\s*$/;

/** Every fenced block of README.md, in order. */
export function readmeBlocks(file = path.join(repoRoot, "README.md")): Snippet[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const blocks: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[index]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) {
      body.push(lines[end].slice(indent));
      end++;
    }
    const marker = MARKER.exec((lines[index - 1] ?? "").trim()) ?? MARKER.exec((lines[index - 2] ?? "").trim());
    blocks.push({ name: marker?.[1], lang: open[2], code: `${body.join("\n")}\n`, line: index + 1 });
    index = end;
  }
  return blocks;
}

/** The named block; throws when the README has none (so a renamed marker fails loudly). */
export function snippet(name: string): Snippet {
  const found = readmeBlocks().filter((block) => block.name === name);
  if (found.length !== 1) {
    throw new Error(`README.md has ${found.length} blocks marked <!-- snippet: ${name} -->; expected 1`);
  }
  return found[0];
}

/** The shell commands of a block: one per line, comments and blank lines left out. */
export function commands(block: Snippet): string[] {
  return block.code
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * Replaces `<placeholder>`s (e.g. `<account id>`) with values; throws when a placeholder is left,
 * so a new one in the README cannot pass unnoticed.
 */
export function fillPlaceholders(line: string, values: Readonly<Record<string, string>>): string {
  const filled = line.replace(/<([^<>]+)>/g, (whole, name: string) => values[name] ?? whole);
  const left = /<[^<>]+>/.exec(filled);
  if (left) {
    throw new Error(`no value for the placeholder ${left[0]} in: ${line}`);
  }
  return filled;
}
