/**
 * Files that provider processes leave for each other in the state folder (the request budget, the
 * create journal): written whole and atomically, private to the user, and never a reason to fail.
 * @internal
 */
import * as fs from "fs";
import * as path from "path";

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * Writes `value` as JSON to `file` atomically (a temporary file of this process, then a rename), in
 * a folder only the user can read, made on first need. Errors (read-only or full disk) are ignored:
 * callers keep working from memory.
 */
export function writeStateFile(file: string, value: unknown): void {
  const text = JSON.stringify(value);
  try {
    writeAtomically(file, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeAtomically(file, text);
    } catch {
      // The state folder is an optimisation and a safety net, never a reason to fail.
    }
  }
}
