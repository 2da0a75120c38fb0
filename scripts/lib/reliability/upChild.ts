/**
 * A `pulumi up` to be killed: run as a child process by the interruption scenario
 * (`interruption.ts`), so that the Automation API process, the `pulumi` CLI and the provider
 * process form one process group that can get SIGINT or SIGKILL like a CI job being cancelled.
 *
 * Input: one JSON argument ({@link ChildSpec}). It selects the stack the parent created (same
 * file backend and PULUMI_HOME), runs `up`, prints the engine output, and exits 0 or 1.
 */
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
  readonly parallel?: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as ChildSpec;
  const env: OfflineEnvironment = { dir: spec.dir, pulumiHome: spec.pulumiHome, envVars: spec.envVars, dispose: () => undefined };
  const stack = await createInlineStack({
    stackName: spec.stackName,
    projectName: spec.projectName,
    program: programFor(() => spec.workload),
    env,
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
