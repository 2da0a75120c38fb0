/**
 * How much state the stacks keep: the sizes of a stack's exported checkpoint, and of `__provider`
 * serialized by value (as when the resources are imported from the sources) to compare with.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { exportStackAsStored, type OfflineEnvironment } from "../../harness/offlineEngine";
import type { StateFigures } from "./floorTable";

/** A stack's state in bytes of JSON, over its dynamic resources: what the report's table reads, and the totals. */
export interface StateSize extends StateFigures {
  resources: number;
  checkpointBytes: number;
}

/**
 * Measures the stack's state as stored (secrets encrypted, as `pulumi stack export` shows it to a
 * user). `dumpDir` (RTK_BENCH_DUMP_STATE, diagnostics only) also writes the export there.
 */
export async function stateSize(stack: Stack, env: OfflineEnvironment, dumpDir?: string): Promise<StateSize> {
  const exported = (await exportStackAsStored(stack, env)) as { deployment: { resources?: Record<string, unknown>[] } };
  if (dumpDir !== undefined) {
    fs.writeFileSync(path.join(dumpDir, `state-${stack.name}.json`), JSON.stringify(exported, null, 2));
  }
  const all = exported.deployment.resources ?? [];
  const dynamic = all.filter((r) => String(r.type).startsWith("pulumi-nodejs:dynamic"));
  const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
  const perType: Record<string, number[]> = {};
  let providerBytes = 0;
  let providerText = 0;
  for (const resource of dynamic) {
    const type = String(resource.type).split(":").pop() as string;
    (perType[type] ??= []).push(bytes(resource));
    const inputs = resource.inputs as Record<string, unknown> | undefined;
    const outputs = resource.outputs as Record<string, unknown> | undefined;
    for (const props of [inputs, outputs]) {
      if (props && props.__provider !== undefined) {
        providerBytes += bytes(props.__provider);
        providerText = Buffer.byteLength(String(props.__provider));
      }
    }
  }
  const average = (list: number[]): number => Math.round(list.reduce((a, b) => a + b, 0) / list.length);
  return {
    resources: dynamic.length,
    checkpointBytes: bytes(exported),
    perResourceBytes: average(dynamic.map(bytes)),
    providerBytesPerResource: Math.round(providerBytes / dynamic.length),
    providerTextBytes: providerText,
    perTypeBytes: Object.fromEntries(Object.entries(perType).map(([type, list]) => [type, average(list)])),
  };
}

/** Size of `__provider` as serialized by value, i.e. with each stub imported from the sources instead of the installed package. */
export async function serializedSizes(): Promise<Record<`${"meeting" | "webhook" | "preset"}FromSources`, number>> {
  const sizes = { meetingFromSources: 0, webhookFromSources: 0, presetFromSources: 0 };
  for (const kind of ["meeting", "webhook", "preset"] as const) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fromSources = require(`../../provider/stubs/${kind}`) as object;
    const text = (await pulumi.runtime.serializeFunction(() => fromSources, { allowSecrets: true })).text;
    sizes[`${kind}FromSources`] = Buffer.byteLength(text);
  }
  return sizes;
}
