/**
 * Renders the figures of docs/reliability.md from campaign result files:
 *
 *   node -r ts-node/register/transpile-only test/reliability/campaign/report.ts bench/results/reliability-<date>.json [more.json]
 *
 * Prints one Markdown section per placeholder of the page (`SUMMARY_TABLE`, `TRANSIENT_TABLE`, …);
 * later files override earlier ones scenario by scenario (e.g. a rerun of `--only rate-limit`).
 */
import * as fs from "node:fs";

type Json = any;

function load(files: string[]): Json {
  const merged: Json = { results: {}, files: [] };
  for (const file of files) {
    const data = JSON.parse(fs.readFileSync(file, "utf8"));
    merged.files.push({ file, started: data.started, durationSeconds: data.durationSeconds });
    Object.assign(merged.results, data.results);
  }
  return merged;
}

const row = (cells: unknown[]) => `| ${cells.map((c) => String(c)).join(" | ")} |`;
const table = (head: string[], rows: unknown[][]) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const s = (ms: number) => `${Math.round(ms / 1000)} s`;

function transient(r: Json): string {
  const t = r.transient.summary;
  const kinds = Object.entries(t.faultsByKind as Record<string, number>)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  return table(
    ["Figure", "Value"],
    [
      ["Runs × objects", `${t.runs} × ${t.objectsPerRun}`],
      [
        "API requests / injected faults",
        `${t.apiRequests} / ${t.injectedFaults} (${((100 * t.injectedFaults) / t.apiRequests).toFixed(1)} %)`,
      ],
      ["Faults by kind", kinds],
      ["Retries (re-sent identical requests) / lookups", `${t.retries} / ${t.lookups}`],
      [
        "`up` succeeded at first try / needed a 2nd `up` / failed twice",
        `${t.successAtFirstTry} / ${t.neededSecondUp - t.failedAfterSecondUp} / ${t.failedAfterSecondUp}`,
      ],
      ["Preview with changes afterwards", t.previewWithChanges],
      ["Duplicates / orphans / missing", `**${t.duplicates} / ${t.orphans} / ${t.missing}**`],
      ...(t.changes ? changeRows(t.changes) : []),
      ["Wall time", s(t.durationMs)],
    ],
  );
}

/** Rows of the update/delete phases of the transient runs. */
function changeRows(c: Json): unknown[][] {
  return [
    ["Changes: runs × objects changed (updated, removed, added)", `${c.runs} × ${c.changesDeclared / c.runs}`],
    [
      "Changes: API requests / injected faults / retries",
      `${c.apiRequests} / ${c.injectedFaults} (${((100 * c.injectedFaults) / c.apiRequests).toFixed(1)} %) / ${c.retries}`,
    ],
    ["Changes: `up` succeeded at first try / failed twice", `${c.successAtFirstTry} / ${c.failedAfterSecondUp}`],
    ["Changes: refresh + preview with changes afterwards", c.refreshedPreviewWithChanges],
    ["Changes: duplicates / orphans / missing", `**${c.duplicates} / ${c.orphans} / ${c.missing}**`],
    [
      "Changes: removed meetings still ACTIVE / live sessions left on INACTIVE meetings",
      `**${c.removedStillActive} / ${c.liveOnInactive}**`,
    ],
  ];
}

function ambiguous(r: Json): string {
  const cases = [...r.ambiguous.cases, ...r.ambiguous.sameTitleRepeats];
  return table(
    [
      "Case",
      "Objects",
      "Lost after commit / failed before / slow",
      "1st `up`",
      "Shared ids after it",
      "Final duplicates / orphans / missing",
    ],
    cases.map((c: Json) => [
      c.name,
      c.objects,
      `${c.lostAfterCommit} / ${c.failedBeforeCommit} / ${c.slowSuccess}`,
      c.firstUpOk ? "ok" : `failed, ${c.ambiguityErrors} × "several meetings"`,
      c.afterFirstUp.duplicates,
      `${c.final.duplicates} / ${c.final.orphans} / ${c.final.missing}`,
    ]),
  );
}

function interruption(r: Json): string {
  return table(
    [
      "Kill",
      "Recovery",
      "Creates sent",
      "Pending creates",
      "Unrecorded objects",
      "Lock left",
      "Recovered (imported / cleared)",
      "Steps",
      "Final duplicates / orphans / missing",
    ],
    r.interruption.map((run: Json) => [
      run.mode,
      run.recovery,
      run.postsAtKill,
      run.pendingCreates,
      run.unrecorded,
      run.lockLeft ? "yes" : "no",
      run.decisions.length
        ? `${run.decisions.filter((d: Json) => d.action === "import").length} / ${run.decisions.filter((d: Json) => d.action === "clear").length}`
        : "–",
      run.steps.map((st: Json) => `${st.step.replace(/ \(.*\)$/, "")} ${st.ok ? "✓" : "✗"}`).join(" → "),
      `${run.final.duplicates} / ${run.final.orphans} / ${run.final.missing}`,
    ]),
  );
}

function badInput(r: Json): string {
  const b = r.badInput;
  const by = (t: string) =>
    `${b.results.filter((x: Json) => x.target === t && x.rejected).length} / ${b.results.filter((x: Json) => x.target === t).length}`;
  return table(
    ["Target", "Rejected / cases"],
    [
      ["Meeting", by("Meeting")],
      ["Webhook", by("Webhook")],
      ["Preset", by("Preset")],
      ["Config file (`RealtimeKitStack`)", by("config file")],
      ["Stack config (through `up`)", by("stack config")],
      [
        "**All**",
        `**${b.rejected} / ${b.cases}** in ${b.previews} previews + ${b.results.filter((x: Json) => !x.via.startsWith("preview")).length} ups`,
      ],
      ["API requests during the table", `**${b.apiRequests}** (writes ${b.apiWrites})`],
    ],
  );
}

function secrets(r: Json): string {
  const rows = r.secrets.checks.map((c: Json) => [
    c.where,
    `${Math.round(c.bytes / 1024)} KiB`,
    c.found.length ? (c.expected ? `${c.found.join(", ")} (by design)` : `**${c.found.join(", ")}**`) : "none",
    c.inSdkDebugLines.length ? c.inSdkDebugLines.join(", ") : "–",
  ]);
  const errors = r.secrets.errors.map((e: Json) => [e.case, e.namesKey ? "yes" : "**no**", e.containsToken ? "**yes**" : "no", e.writes]);
  return (
    `${table(["Searched", "Size", "Credential in plain text", "Only in the SDK's debug lines"], rows)}\n\n` +
    table(["Provoked error", "Names the config key", "Contains the token", "Writes"], errors)
  );
}

function rateLimit(r: Json): string {
  return table(
    ["Run", "Emulator (limit / window / lockout)", "Client budget", "Phases", "Objects", "Requests", "429s", "Retries", "Result", "Time"],
    r.rateLimit.map((run: Json) => [
      run.label,
      `${run.emulator.limit} / ${run.emulator.windowMs / 1000} s / ${run.emulator.lockoutMs / 1000} s`,
      run.budget === "off"
        ? `off${run.maxRetries ? `, maxRetries ${run.maxRetries}` : ""}`
        : `${run.budget.maxRequests} / ${run.budget.windowSeconds} s`,
      run.separatePhases ? "one window apart" : "back to back",
      run.objects,
      run.requests,
      run.rateLimited,
      run.retries,
      run.completed
        ? "completed"
        : `**failed** (${run.phases
            .filter((p: Json) => !p.ok)
            .map((p: Json) => p.op)
            .join(", ")})`,
      s(run.durationMs),
    ]),
  );
}

function concurrency(r: Json): string {
  return table(
    ["Run", "Objects", "--parallel", "`up`", "Duplicates / orphans / missing", "Preview", "`destroy`", "Left"],
    r.concurrency.map((c: Json, i: number) => [
      i + 1,
      c.objects,
      c.parallel,
      `${c.upOk ? "ok" : "**failed**"} ${(c.upMs / 1000).toFixed(1)} s`,
      `${c.audit.duplicates} / ${c.audit.orphans} / ${c.audit.missing}`,
      c.previewNoChanges ? "no changes" : "**changes**",
      `${c.destroyOk ? "ok" : "**failed**"} ${(c.destroyMs / 1000).toFixed(1)} s`,
      c.leftAfterDestroy,
    ]),
  );
}

function main(): void {
  const data = load(process.argv.slice(2));
  const r = data.results;
  const sections: [string, (x: Json) => string, string][] = [
    ["TRANSIENT_TABLE", transient, "transient"],
    ["AMBIGUOUS_TABLE", ambiguous, "ambiguous"],
    ["INTERRUPTION_TABLE", interruption, "interruption"],
    ["BADINPUT_TABLE", badInput, "badInput"],
    ["SECRETS_TABLE", secrets, "secrets"],
    ["RATELIMIT_TABLE", rateLimit, "rateLimit"],
    ["CONCURRENCY_TABLE", concurrency, "concurrency"],
  ];
  console.log(`<!-- from ${data.files.map((f: Json) => `${f.file} (${f.started}, ${f.durationSeconds} s)`).join(", ")} -->\n`);
  for (const [name, render, key] of sections) {
    if (r[key] !== undefined) {
      console.log(`${name}\n\n${render(r)}\n`);
    }
  }
}

main();
