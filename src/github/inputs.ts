/**
 * The action's inputs, checked. Values come through `Runner#input` (the runner's `INPUT_*`
 * variables); a bad value stops the run with a message that names the input.
 */
import { FAIL_ON, type FailOn } from '../model/finding.js'

export const ONLY_CHANGED = ['none', 'files', 'lines'] as const

export type OnlyChanged = (typeof ONLY_CHANGED)[number]

export interface ActionInputs {
  /** Glob lines; empty means the whole repository. */
  paths: string[]
  config?: string
  failOn: FailOn
  onlyChanged: OnlyChanged
  live: boolean
  /** Where to write SARIF; undefined for none. */
  sarifFile?: string
  summary: boolean
}

export class InputError extends Error {}

export function readInputs(input: (name: string) => string): ActionInputs {
  const config = input('config').trim()
  const sarifFile = input('sarif-file').trim()
  return {
    paths: input('paths')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
    ...(config ? { config } : {}),
    failOn: oneOf('fail-on', input('fail-on'), FAIL_ON, 'error'),
    onlyChanged: oneOf('only-changed', input('only-changed'), ONLY_CHANGED, 'none'),
    live: bool('live', input('live'), false),
    ...(sarifFile ? { sarifFile } : {}),
    summary: bool('summary', input('summary'), true),
  }
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[], fallback: T): T {
  const value = raw.trim().toLowerCase()
  if (value === '') return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(`input "${name}" is "${raw.trim()}"; use one of ${allowed.join(', ')}`)
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
function bool(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`input "${name}" is "${value}"; use true or false`)
}
