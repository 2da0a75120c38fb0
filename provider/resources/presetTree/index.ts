/**
 * The preset tree: the `config`, `permissions` and `ui` objects of a RealtimeKit preset, as
 * camelCase types for Pulumi users ({@link ./types}), with documented defaults and the merge onto
 * them ({@link ./defaults}), `check()` validation schemas ({@link ./schema}) and the mapping to and
 * from the snake_case wire format ({@link ./wire}).
 */
export * from "./types";
export * from "./defaults";
export * from "./schema";
export * from "./wire";
