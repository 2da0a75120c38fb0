/**
 * Loaded by mocha before any spec (`require` in the .mocharc files): what the provider reports to
 * the person running Pulumi (`provider/notices`) is recorded here instead of going to stderr, where
 * it would be mixed into the test report. Specs read it with {@link takeNotices}.
 */
import { type Notice, setNoticeSink } from "../../provider/notices";

let recorded: Notice[] = [];

setNoticeSink({
  deliver(notice) {
    recorded.push(notice);
  },
});

/** The notices reported since the last call, oldest first. */
export function takeNotices(): Notice[] {
  const taken = recorded;
  recorded = [];
  return taken;
}
