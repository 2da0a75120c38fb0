/**
 * What the Node.js language host's plugin runner loads (package.json `main`): a function it calls
 * to serve the `realtimekit` provider plugin. TypeScript and JavaScript programs import the
 * resources through package.json `exports` instead and never load this file.
 * @internal
 */
import { serve } from "./main";

export = (): Promise<void> => serve(process.argv.slice(2));
