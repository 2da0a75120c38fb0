/**
 * The waivers and variants are documented where users look: emulator/README.md has one table of
 * spec waivers naming exactly the waivers the suites apply, and its assumptions table names every
 * variant switch.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_VARIANTS } from "../../emulator/variants";
import { WAIVER_NAMES } from "./waivers";

const readme = fs.readFileSync(path.resolve(__dirname, "../../emulator/README.md"), "utf8");

/** The first-column names of the table under a `## heading`. */
function tableNames(heading: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith(heading));
  assert.ok(section !== undefined, `emulator/README.md has no "## ${heading}" section`);
  return section
    .split("\n")
    .filter((line) => /^\| `[^`]+` \|/.test(line))
    .map((line) => /^\| `([^`]+)` \|/.exec(line)?.[1] as string);
}

describe("Spec waivers and emulator variants are documented", () => {
  it("emulator/README.md lists exactly the waivers the suites apply, in one table", () => {
    assert.deepEqual(tableNames("Spec waivers").sort(), [...WAIVER_NAMES].sort());
  });

  it("the assumptions table names every variant switch", () => {
    const section = readme.split(/^## /m).find((part) => part.startsWith("Assumptions")) ?? "";
    for (const name of Object.keys(DEFAULT_VARIANTS)) {
      assert.match(section, new RegExp("`" + name + ": "), `no row for the variant ${name}`);
    }
  });
});
