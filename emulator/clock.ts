/**
 * The emulator's clock. Every timestamp, session keep-alive timer and rate-limit window reads it,
 * so tests move time with {@link Clock.advance} instead of sleeping.
 *
 * Two modes: a *running* clock follows the wall clock from a start time (what the CLI uses), and
 * a *frozen* clock only moves when told (what tests use for exact timestamps). Both fire timers
 * that come due when the clock is advanced or set; a running clock also fires them in real time.
 */

/** Options for a new {@link Clock}. */
export interface ClockOptions {
  /**
   * The clock's time at creation: a `Date`, an ISO string or epoch milliseconds.
   * @default the current wall-clock time
   */
  readonly now?: Date | string | number;
  /**
   * When true the clock stands still between {@link Clock.advance} / {@link Clock.set} calls.
   * @default false
   */
  readonly frozen?: boolean;
}

/** A handle returned by {@link Clock.schedule}, for {@link Clock.cancel}. */
export interface TimerHandle {
  readonly id: number;
  readonly dueAt: number;
}

interface Timer extends TimerHandle {
  readonly run: () => void;
}

/** Largest delay `setTimeout` accepts. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Parses a `Date`, ISO string or epoch milliseconds into epoch milliseconds; throws on garbage. */
export function toEpochMs(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new TypeError(`invalid time: ${String(value)}`);
  }
  return ms;
}

/** A controllable clock with timers that follow it. */
export class Clock {
  private readonly frozen: boolean;
  /** Frozen mode: the current time. Running mode: the offset from `Date.now()`. */
  private base: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private realTimeout: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(options: ClockOptions = {}) {
    this.frozen = options.frozen ?? false;
    const start = options.now === undefined ? Date.now() : toEpochMs(options.now);
    this.base = this.frozen ? start : start - Date.now();
  }

  /** Whether the clock only moves when told. */
  get isFrozen(): boolean {
    return this.frozen;
  }

  /** Current time in epoch milliseconds. */
  now(): number {
    return this.frozen ? this.base : Date.now() + this.base;
  }

  /** Current time as an ISO 8601 string with milliseconds and `Z`. */
  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves the clock forward by `ms` (≥ 0) and fires every timer that comes due, in order. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advance needs a non-negative number of milliseconds, got ${ms}`);
    }
    this.base += ms;
    this.fireDue();
  }

  /** Sets the clock to `time` (it may go backwards; timers only fire when reached). */
  set(time: Date | string | number): void {
    const target = toEpochMs(time);
    this.base += target - this.now();
    this.fireDue();
  }

  /** Runs `run` when the clock reaches `dueAt` (epoch ms); immediately-due timers fire on the next advance or tick. */
  schedule(dueAt: number, run: () => void): TimerHandle {
    const timer: Timer = { id: this.nextId++, dueAt, run };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    this.arm();
    return { id: timer.id, dueAt };
  }

  /** Cancels a timer; unknown or already-fired handles are ignored. */
  cancel(handle: TimerHandle | undefined): void {
    if (handle === undefined) {
      return;
    }
    this.timers = this.timers.filter((t) => t.id !== handle.id);
    this.arm();
  }

  /** Cancels every timer on this clock (including those of other users of a shared clock). */
  cancelAll(): void {
    this.timers = [];
    this.arm();
  }

  /** Number of pending timers. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Stops the real-time driver; the clock keeps working but timers fire only on advance/set. */
  dispose(): void {
    this.disposed = true;
    this.clearRealTimeout();
  }

  private fireDue(): void {
    // Timers may schedule or cancel others, so re-read the list after each one.
    for (;;) {
      const next = this.timers[0];
      if (next === undefined || next.dueAt > this.now()) {
        break;
      }
      this.timers.shift();
      next.run();
    }
    this.arm();
  }

  /** In running mode, keeps one real timeout pointed at the earliest timer. */
  private arm(): void {
    this.clearRealTimeout();
    const next = this.timers[0];
    if (this.frozen || this.disposed || next === undefined) {
      return;
    }
    const delay = Math.min(Math.max(next.dueAt - this.now(), 0), MAX_TIMEOUT_MS);
    this.realTimeout = setTimeout(() => {
      this.realTimeout = undefined;
      this.fireDue();
    }, delay);
    this.realTimeout.unref();
  }

  private clearRealTimeout(): void {
    if (this.realTimeout !== undefined) {
      clearTimeout(this.realTimeout);
      this.realTimeout = undefined;
    }
  }
}
