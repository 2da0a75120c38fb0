/**
 * What the repository's Markdown documents point at: relative links (with their `#anchors`),
 * repository paths written in backticks, and `npm run` scripts; and the anchors each document's
 * headings make, as GitHub makes them. `test/docs/references.spec.ts` checks them against the tree.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** One place a document points at, with the line it is on (1-based) for the failure message. */
export interface Reference {
  readonly line: number;
  readonly target: string;
}

/** A document's lines with the fenced code blocks blanked out (their `#` lines are no headings). */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split("\n").map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line;
  });
}

/** Each match of `pattern` (global, group 1 the target) in `lines`, with its line. */
function matches(lines: readonly string[], pattern: RegExp): Reference[] {
  return lines.flatMap((text, index) => [...text.matchAll(pattern)].map((found) => ({ line: index + 1, target: found[1] })));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces made hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a document's headings; a repeated heading gets `-1`, `-2`, … as on GitHub. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** The targets of the document's Markdown links that stay in the repository (no scheme, no `mailto:`). */
export function relativeLinks(text: string): Reference[] {
  return matches(proseLines(text), /\]\(([^()\s]+)\)/g).filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link.target));
}

/** Every code span outside code blocks: a run of backticks, the text, the same run again. */
export function backticked(text: string): Reference[] {
  return proseLines(text).flatMap((line, index) =>
    [...line.matchAll(/(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/g)].map((found) => ({ line: index + 1, target: found[2].trim() })),
  );
}

/** The scripts of every `npm run <script>` in the document, code blocks included. */
export function npmScripts(text: string): Reference[] {
  return matches(text.split("\n"), /\bnpm run (?:--silent )?([\w:-]+)/g);
}

/**
 * Whether `pattern`, a repository path in which `*` and `<placeholder>` stand for any part of one
 * name, names at least one file or folder under `root` (a trailing `/` asks for a folder).
 */
export function pathExists(root: string, pattern: string): boolean {
  const wantFolder = pattern.endsWith("/");
  const segments = pattern.split("/").filter((segment) => segment !== "" && segment !== ".");
  let current = [root];
  for (const segment of segments) {
    if (!/[*<]/.test(segment)) {
      current = current.map((dir) => path.join(dir, segment)).filter((candidate) => fs.existsSync(candidate));
      continue;
    }
    const wildcard = new RegExp(
      `^${segment
        .split(/\*|<[^<>]*>/)
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
    current = current.flatMap((dir) =>
      fs.existsSync(dir) && fs.statSync(dir).isDirectory()
        ? fs
            .readdirSync(dir)
            .filter((name) => wildcard.test(name))
            .map((name) => path.join(dir, name))
        : [],
    );
  }
  return current.some((found) => !wantFolder || fs.statSync(found).isDirectory());
}
