/**
 * Bounds on the work one run may do. spf-lint reads files from pull requests it does not
 * trust, so every quantity an attacker controls is capped; hitting a cap is a located finding
 * (SPF401 for a file, a `truncated` lookup-tree node for the walk), never a crash or a hang.
 * Each is configurable under `limits:` in `.spf-lint.yml`.
 */
export interface Limits {
  /** Largest file read, in bytes (a zone this size holds over a million records). */
  maxFileBytes: number
  /** Most records read from one file (a `$GENERATE` or an octoDNS list counts each record). */
  maxRecordsPerFile: number
  /** Most character-strings in one TXT record (a valid one has at most about 256). */
  maxTxtStrings: number
  /** Deepest include/redirect nesting the lookup walk follows. */
  maxLookupDepth: number
  /** Most names one lookup tree may visit. */
  maxLookupNames: number
  /** Deepest `$INCLUDE` / `!include` nesting. */
  maxIncludeDepth: number
  /** Most records one `$GENERATE` may produce. */
  maxGenerateRecords: number
  /** Most YAML aliases one document may resolve (a "billion laughs" document). */
  maxYamlAliases: number
  /** Deepest nesting of YAML collections. */
  maxYamlDepth: number
  /** Time for the whole run, in seconds; past it the run stops with what it has found. */
  timeoutSeconds: number
}

export const defaultLimits: Readonly<Limits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxRecordsPerFile: 1_000_000,
  maxTxtStrings: 512,
  maxLookupDepth: 12,
  maxLookupNames: 2000,
  maxIncludeDepth: 16,
  maxGenerateRecords: 1_000_000,
  maxYamlAliases: 100,
  maxYamlDepth: 64,
  timeoutSeconds: 600,
})

/** The configuration key for each limit, for messages that tell the user what to raise. */
export function limitSetting(name: keyof Limits): string {
  return `limits.${name}`
}

/** Defaults overridden by whatever is set (and is a positive number). */
export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  const limits: Limits = { ...defaultLimits }
  for (const key of Object.keys(defaultLimits) as (keyof Limits)[]) {
    const value = partial?.[key]
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value
  }
  return limits
}

/**
 * The run's time limit. Checked between units of work (`expired`), so CPU-bound phases stop
 * too (a timer alone cannot interrupt a chain of resolved promises), and raced against work
 * that waits (`race`). The limit may be set late, once the configuration has been read.
 */
export class Deadline {
  private at: number
  private timer: NodeJS.Timeout | undefined
  private fire: () => void = () => {}
  private readonly reached: Promise<void>

  constructor(
    ms: number,
    private readonly started = Date.now(),
  ) {
    this.at = started + ms
    this.reached = new Promise((resolve) => (this.fire = resolve))
    this.arm()
  }

  get ms(): number {
    return this.at - this.started
  }

  setLimit(ms: number): void {
    this.at = this.started + ms
    this.arm()
  }

  get expired(): boolean {
    return Date.now() >= this.at
  }

  /**
   * The work's value, or `undefined` when the deadline comes first (the work is abandoned). Work
   * that finishes after the deadline counts as late even if the timer has not fired yet: reading
   * is synchronous, so a read that overran it can finish before the timer's turn comes.
   */
  async race<T>(work: Promise<T>): Promise<{ value: T } | undefined> {
    return Promise.race([
      work.then((value) => (this.expired ? undefined : { value })),
      this.reached.then(() => undefined),
    ])
  }

  dispose(): void {
    clearTimeout(this.timer)
  }

  private arm(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.fire(), Math.max(0, this.at - Date.now()))
  }
}

/** The message of a run stopped by its deadline, naming the phase and the setting. */
export function deadlineMessage(deadline: Deadline, phase: string): string {
  const seconds = Math.round(deadline.ms / 100) / 10
  return `stopped after ${seconds} s (limits.timeoutSeconds) while ${phase}; the findings are incomplete`
}
