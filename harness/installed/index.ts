/**
 * The package as a user installs it: `node_modules/pulumi-realtimekit`, put there by
 * `npm run build` (scripts/install-self.js). Engine tests and benchmarks import resources from
 * here so that Pulumi serializes the provider exactly as it does in a user's stack.
 */
export * from "pulumi-realtimekit";
