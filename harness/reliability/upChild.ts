/**
 * A `pulumi up` to be killed: run as a child process by the interruption scenario
 * (`interruption.ts`), so that the Automation API process, the `pulumi` CLI and the provider
 * process form one process group that can get SIGINT or SIGKILL like a CI job being cancelled.
 *
 * Input: the JSON {@link ChildSpec} in the `RTK_CHILD_SPEC` environment variable (not argv: it holds
 * the stack config, token included, which `ps` would show). It selects the stack the parent created
 * (same file backend and PULUMI_HOME), sets the same config (an inline project keeps its config in a
 * temp folder per workspace), runs `up`, prints the engine output, and exits 0 or 1.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { createInlineStack, type OfflineEnvironment } from "../offlineEngine";
import { programFor, type Workload } from "./program";

/** What the parent passes. */
export interface ChildSpec {
  readonly stackName: string;
  readonly projectName: string;
  readonly envVars: Record<string, string>;
  readonly pulumiHome: string;
  readonly dir: string;
  readonly workload: Workload;
  readonly config: ConfigMap;
  readonly parallel?: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.RTK_CHILD_SPEC ?? "{}") as ChildSpec;
  delete process.env.RTK_CHILD_SPEC;
  const env: OfflineEnvironment = { dir: spec.dir, pulumiHome: spec.pulumiHome, envVars: spec.envVars, dispose: () => undefined };
  const stack = await createInlineStack({
    stackName: spec.stackName,
    projectName: spec.projectName,
    program: programFor(() => spec.workload),
    env,
    config: spec.config,
  });
  process.stdout.write(`[child] up starting (pid ${process.pid})\n`);
  await stack.up({ color: "never", parallel: spec.parallel, onOutput: (text) => process.stdout.write(text) });
  process.stdout.write("[child] up finished\n");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(`[child] up failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
