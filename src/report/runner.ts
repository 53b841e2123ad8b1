/**
 * What an action run needs from the runner, as a small interface: the real one wraps
 * `@actions/core` (`github-actions.ts`, the only module that imports it); tests pass a recorder.
 */
import type { Annotation } from './workflow-commands.js'

export interface Runner {
  /** An input as the runner passes it (`INPUT_FAIL-ON`), '' when not set. */
  input(name: string): string
  /** One annotation; lines and columns must be positive (the toolkit drops falsy ones). */
  annotate(annotation: Annotation): void
  /** A notice without a position (counts against the runner's notice limit). */
  notice(message: string): void
  /** A trusted line for the log; untrusted text goes through `inertBlock` first. */
  log(text: string): void
  setOutput(name: string, value: string): void
  /** Append Markdown to the job summary; does nothing outside a runner. */
  summary(markdown: string): Promise<void>
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** Mark the step failed with one error annotation. */
  setFailed(message: string): void
}
