/**
 * CPU time from /proc (Linux), which other load on the machine disturbs far less than wall time.
 */
import * as fs from "node:fs";

/** Fields of /proc/<pid>/stat after the command name (index 0 is field 3, the state). */
function statFields(pid: number | string | undefined): string[] | undefined {
  try {
    return fs
      .readFileSync(`/proc/${pid ?? "self"}/stat`, "utf8")
      .split(") ")[1]
      .split(" ");
  } catch {
    return undefined;
  }
}

/** CPU time (ms) of this process's waited-for children (the CLI and what it waited for): cutime + cstime. */
export function childrenCpuMs(): number {
  const fields = statFields("self");
  return fields ? ((Number(fields[13]) + Number(fields[14])) * 1000) / 100 : 0;
}

/** CPU time (ms) of a running process: utime + stime. */
export function processCpuMs(pid: number | undefined): number {
  const fields = pid === undefined ? undefined : statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 : 0;
}
