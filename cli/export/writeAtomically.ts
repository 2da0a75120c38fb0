/**
 * `--out FILE`: the file appears whole or not at all. The text goes to a temporary file beside
 * it, which is renamed over the target (atomic on one file system); on any failure the temporary
 * file is removed and the target is left as it was.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Writes `text` to `file` atomically.
 * @param file - the target; its folder must exist.
 * @param text - the whole content.
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, text, { flag: "wx" });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new Error(`cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}
