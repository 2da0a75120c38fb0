/**
 * Compiled by test/package.spec.ts with `skipLibCheck` off, as a user's `tsc` sees the package: the
 * published declarations (every `.d.ts` they reach) must compile on their own.
 */
export * from "pulumi-realtimekit";
export * as emulator from "pulumi-realtimekit/emulator";
export * as webhooks from "pulumi-realtimekit/dist/provider/webhooks";
