/**
 * The code blocks of the user's documents (README.md, the pages of docs/ and emulator/README.md),
 * read from the files themselves so that the tests run what a user copies.
 *
 * A block that a user would run carries a marker on the line before its fence:
 *
 *     <!-- snippet: install -->
 *     ```sh
 *     npm install pulumi-realtimekit @pulumi/pulumi
 *     ```
 *
 * `test/projects/readme.spec.ts` checks that every `sh`, `ts` and `yaml` block of README.md has one,
 * and that each named snippet of every document is exercised. A name is unique across the documents,
 * so a section can move from the README to a page of docs/ with its snippets and stay tested.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../harness/offlineEngine";

/** One fenced block of a document. */
export interface Snippet {
  /** The document, relative to the repository's root, e.g. `docs/languages.md`. */
  readonly file: string;
  /** The marker's name, or undefined for a block without one. */
  readonly name: string | undefined;
  /** The fence's language, e.g. `sh`. */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const MARKER = /^<!--\s*snippet:\s*([a-z0-9-]+)\s*-->\s*$/;

/** The documents whose marked blocks are snippets: the README, then the pages it links to. */
export function snippetDocuments(): string[] {
  const pages = fs
    .readdirSync(path.join(repoRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...pages, "emulator/README.md"];
}

/** Every fenced block of one document (README.md unless told), in order. */
export function documentBlocks(file = "README.md"): Snippet[] {
  const lines = fs.readFileSync(path.join(repoRoot, file), "utf8").split("\n");
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
    blocks.push({ file, name: marker?.[1], lang: open[2], code: `${body.join("\n")}\n`, line: index + 1 });
    index = end;
  }
  return blocks;
}

/** Every marked block of every snippet document. */
export function markedBlocks(): Snippet[] {
  return snippetDocuments().flatMap((file) => documentBlocks(file).filter((block) => block.name !== undefined));
}

/** The named block, wherever it lives; throws when the documents have none or several (so a renamed marker fails loudly). */
export function snippet(name: string): Snippet {
  const found = markedBlocks().filter((block) => block.name === name);
  if (found.length !== 1) {
    const where = found.map((block) => `${block.file}:${block.line}`).join(", ");
    throw new Error(`the documents have ${found.length} blocks marked <!-- snippet: ${name} -->${where ? ` (${where})` : ""}; expected 1`);
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
