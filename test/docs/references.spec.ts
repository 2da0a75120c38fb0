/**
 * The documents point at what the repository holds. For README.md, CONTRIBUTING.md, CHANGELOG.md,
 * docs/*.md and every other folder's README.md:
 * - every relative Markdown link names a file or folder that exists, and its `#anchor` a heading
 *   of the linked document (or of the document itself);
 * - every repository path written in backticks exists: a path with a `/` whose first part is a
 *   top-level entry of the repository as the tree is now (`*` and `<placeholder>` match any part
 *   of a name; `dist/…` is checked against the sources it is built from; ignored folders such as
 *   `.logs/` are left out);
 * - every `npm run <script>` is a script of package.json.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { anchors, backticked, npmScripts, pathExists, relativeLinks, type Reference } from "./markdown";

const root = path.resolve(__dirname, "..", "..");

/** The documents checked, relative to the repository. */
function documents(): string[] {
  const top = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"].filter((file) => fs.existsSync(path.join(root, file)));
  const docs = fs
    .readdirSync(path.join(root, "docs"))
    .filter((file) => file.endsWith(".md"))
    .map((file) => `docs/${file}`);
  const folderReadmes = ["emulator", "spec", ...fs.readdirSync(path.join(root, "examples")).map((name) => `examples/${name}`)]
    .map((folder) => `${folder}/README.md`)
    .filter((file) => fs.existsSync(path.join(root, file)));
  return [...top, ...docs, ...folderReadmes];
}

/** The folders .gitignore leaves out (`node_modules/`, `.logs/`, …): what a doc names there need not exist in a checkout. */
const IGNORED = fs
  .readFileSync(path.join(root, ".gitignore"), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line.endsWith("/") && !/[*!]/.test(line));

/** The top-level entries of the repository that docs name paths under. */
const TOP_LEVEL = new Set(fs.readdirSync(root).filter((name) => name !== ".git" && !IGNORED.includes(`${name}/`)));

/** A backticked text that reads as a repository path: no spaces or quotes, a `/` between names. */
const PATH_LIKE = /^(?:\.{1,2}\/)?[\w.@<>*-]+(?:\/[\w.@<>*-]*)+$/;

/** The source a `dist/` path is built from (`dist/provider/index.js` → `provider/index.ts`). */
function fromSource(file: string): string {
  return file.replace(/^dist\//, "").replace(/(\.d)?\.js$|\.d\.ts$/, ".ts");
}

/** The repository path (relative to the root) a backticked text of `doc` names, or undefined for one that names none. */
function repositoryPath(doc: string, text: string): string | undefined {
  if (!PATH_LIKE.test(text) || text.includes("**")) return undefined;
  if (text.startsWith("./") || text.startsWith("../"))
    return path.relative(root, path.resolve(root, path.dirname(doc), text)) + (text.endsWith("/") ? "/" : "");
  const first = text.split("/")[0];
  if (first === "dist") return fromSource(text);
  if (IGNORED.some((ignored) => text.startsWith(ignored))) return undefined;
  return TOP_LEVEL.has(first) ? text : undefined;
}

const where = (doc: string, ref: Reference) => `${doc}:${ref.line} ${ref.target}`;

describe("Documents point at what the repository holds", () => {
  const docs = documents();
  const text = (doc: string) => fs.readFileSync(path.join(root, doc), "utf8");

  it("checks the README, CONTRIBUTING.md, docs/ and the folders' READMEs", () => {
    for (const expected of ["README.md", "docs/architecture.md", "emulator/README.md", "examples/quickstart/README.md"]) {
      assert.ok(docs.includes(expected), `${expected} is not among ${docs.join(", ")}`);
    }
  });

  for (const doc of docs) {
    describe(doc, () => {
      it("links to files and headings that exist", () => {
        const broken = relativeLinks(text(doc)).filter((link) => {
          const [file, anchor] = link.target.split("#");
          const target = file === "" ? path.join(root, doc) : path.resolve(root, path.dirname(doc), decodeURIComponent(file));
          if (!fs.existsSync(target)) return true;
          if (anchor === undefined || anchor === "" || !target.endsWith(".md")) return false;
          return !anchors(fs.readFileSync(target, "utf8")).has(anchor);
        });
        assert.deepEqual(
          broken.map((link) => where(doc, link)),
          [],
        );
      });

      it("names only repository paths that exist", () => {
        const missing = backticked(text(doc)).filter((ref) => {
          const named = repositoryPath(doc, ref.target);
          return named !== undefined && !pathExists(root, named);
        });
        assert.deepEqual(
          missing.map((ref) => where(doc, ref)),
          [],
        );
      });

      it("runs only scripts package.json defines", () => {
        const scripts = (JSON.parse(text("package.json")) as { scripts: Record<string, string> }).scripts;
        assert.deepEqual(
          npmScripts(text(doc))
            .filter((ref) => scripts[ref.target] === undefined)
            .map((ref) => where(doc, ref)),
          [],
        );
      });
    });
  }
});
