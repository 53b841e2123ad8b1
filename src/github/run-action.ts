/**
 * One run of the action: inputs -> lint (and, on a pull request, the changes and the base) ->
 * annotations, job summary, SARIF and JSON report -> outputs -> exit code. Everything the
 * runner provides comes through `Runner` and `env`, so tests need no module mocks.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { LintOptions, LintResult } from '../lint.js'
import type { SpfEntry } from '../rules/types.js'
import { lint, nothingReadMessage, readNothing, toReport } from '../lint.js'
import { toRuleOptions } from '../config.js'
import type { Report } from '../report/report.js'
import { countBySeverity } from '../report/report.js'
import type { Runner } from '../report/runner.js'
import type { Candidate } from '../report/annotations.js'
import { planAnnotations } from '../report/annotations.js'
import { findingCandidates } from '../report/github.js'
import { inertBlock } from '../report/workflow-commands.js'
import { formatSummary } from '../report/summary.js'
import { formatSarif } from '../report/sarif.js'
import { writeJson } from '../report/json.js'
import { formatText } from '../report/text.js'
import type { ActionInputs } from './inputs.js'
import { shouldFail } from '../model/finding.js'
import { InputError, readInputs } from './inputs.js'
import { expandPaths } from './globs.js'
import type { Changes } from './changes.js'
import { changedLines, comparisonBase, ensureCommit, readPullRequest } from './changes.js'
import type { AffectedRecord, FindingRelevance } from './affected.js'
import { affectedRecords, findingRelevance } from './affected.js'
import type { BudgetDelta } from './delta.js'
import { budgetDeltas, deltaChanged, formatDelta } from './delta.js'
import { extractTree, git } from './git.js'
import { visible } from '../report/sanitize.js'

type Env = Record<string, string | undefined>

/**
 * The JSON report written in pieces, as the CLI prints it: on a large repository the lookup
 * trees make it hundreds of megabytes, which one string (and its copy for the write) would
 * hold in memory twice over.
 */
function writeJsonFile(file: string, report: object): void {
  const fd = openSync(file, 'w')
  try {
    writeJson(report, (chunk) => {
      writeSync(fd, chunk)
    })
  } finally {
    closeSync(fd)
  }
}

interface PullRequestView {
  changes: Changes
  affected: AffectedRecord[]
  deltas: BudgetDelta[]
}

export async function runAction(runner: Runner, env: Env, cwd: string): Promise<number> {
  const inputs = readInputs((name) => runner.input(name))
  const notes: string[] = []
  const result = await lintTree(cwd, inputs, notes, runner)
  const pr = await pullRequestView(result, inputs, env, cwd, notes)

  const full = toReport(result)
  const relevance = pr && result.findings.map((f) => findingRelevance(f, pr.changes, pr.affected))
  const kept = full.findings.map((_, i) => keeps(inputs, relevance?.[i]))
  const report = selectFindings(full, kept)
  const onChanged = relevance?.filter((_, i) => kept[i]).map((r) => r.onChangedLine)

  const files = new Map(result.files.map((f) => [f.path, f]))
  const lineText = (file: string, line: number) => files.get(file)?.lineText(line)
  const outDir = await mkdtemp(path.join(env.RUNNER_TEMP || tmpdir(), 'spf-lint-'))
  const reportPath = path.join(outDir, 'report.json')
  writeJsonFile(reportPath, { ...report, ...(pr ? { baseline: pr.deltas } : {}) })
  const sarifPath = inputs.sarifFile && path.resolve(cwd, inputs.sarifFile)
  if (sarifPath) {
    await mkdir(path.dirname(sarifPath), { recursive: true })
    await writeFile(sarifPath, formatSarif(report, { lineText }))
  }

  runner.log(inertBlock(formatText(report, { color: false, lineText })))
  const empty = readNothing(result)
  const failed = empty || shouldFail(inputs.failOn, report.summary)
  for (const note of notes) runner.annotate({ level: 'warning', message: note, title: 'spf-lint' })
  const where = [
    inputs.summary ? 'the job summary' : undefined,
    sarifPath ? `the SARIF file (${path.relative(cwd, sarifPath) || sarifPath})` : undefined,
    'the JSON report (output "report")',
  ].filter((w): w is string => w !== undefined)
  const plan = planAnnotations(
    [...findingCandidates(report, (i) => onChanged?.[i] ?? false), ...deltaCandidates(pr)],
    {
      reserve: { error: failed ? 1 : 0, warning: notes.length },
      where: where.join(', '),
    },
  )
  for (const annotation of plan.annotations) runner.annotate(annotation)

  runner.setOutput('errors', String(report.summary.errors))
  runner.setOutput('warnings', String(report.summary.warnings))
  runner.setOutput('notices', String(report.summary.notices))
  runner.setOutput('sarif-file', sarifPath || '')
  runner.setOutput('report', reportPath)

  if (inputs.summary) {
    const markdown = formatSummary({
      report,
      zones: result.spf.map((e) => e.record.zone),
      threshold: toRuleOptions(result.config).lookupWarningThreshold,
      ...(await links(env, cwd)),
      ...(pr ? { deltas: pr.deltas } : {}),
      hidden: { count: full.findings.length - report.findings.length, mode: inputs.onlyChanged },
      notes,
      elsewhere: where.slice(1).join(' and '),
    })
    // A summary that cannot be written must not hide the result: say so in the log.
    await runner
      .summary(markdown)
      .catch((error: Error) =>
        runner.log(`spf-lint: could not write the job summary: ${error.message}`),
      )
  }

  if (!failed) return 0
  if (empty) {
    // Read nothing: a renamed folder or a zone under another name must not pass as clean.
    runner.setFailed(`spf-lint: ${nothingReadMessage(result, 'name the files in "paths"')}`)
    return 1
  }
  const { errors, warnings, notices } = report.summary
  runner.setFailed(
    `spf-lint: ${errors} error(s), ${warnings} warning(s), ${notices} notice(s) ` +
      `(fail-on: ${inputs.failOn})`,
  )
  return 1
}

async function lintTree(
  cwd: string,
  inputs: ActionInputs,
  notes: string[],
  runner?: Runner,
): Promise<LintResult> {
  const expanded = await expandPaths(inputs.paths, cwd)
  for (const glob of expanded.unmatched) notes.push(`paths: no file matches "${glob}"`)
  if (inputs.paths.length > 0 && expanded.paths.length === 0)
    throw new InputError('input "paths" matches no file; nothing to lint')
  const options: LintOptions = {
    cwd,
    root: cwd,
    paths: expanded.paths,
    ...(inputs.config ? { configPath: inputs.config } : {}),
  }
  if (!inputs.live) return lint(options)
  if (!runner) return lint({ ...options, live: true })
  // The live phase in one log group, a line per domain. Names come from the files: each line
  // starts with trusted text and control characters are made visible, so none can be a command.
  return runner.group('spf-lint: live DNS', () =>
    lint({
      ...options,
      live: true,
      onProgress: (event) => {
        if (event.phase !== 'walk' || event.name === undefined || event.detail === undefined) return
        runner.log(`live DNS: ${visible(event.name)}: ${visible(event.detail)}`)
      },
    }),
  )
}

/** On a pull request: what changed, which records it reaches, and their lookups before. */
async function pullRequestView(
  result: LintResult,
  inputs: ActionInputs,
  env: Env,
  cwd: string,
  notes: string[],
): Promise<PullRequestView | undefined> {
  const pr = await readPullRequest(env.GITHUB_EVENT_PATH)
  if (!pr) {
    if (inputs.onlyChanged !== 'none')
      notes.push(`only-changed: ${inputs.onlyChanged} needs a pull_request event; reporting all`)
    return undefined
  }
  let changes: Changes
  try {
    await ensureCommit(pr.base, cwd)
    changes = await changedLines(await comparisonBase(pr, cwd), cwd)
  } catch (error) {
    notes.push(`cannot compare with the base: ${(error as Error).message}; reporting all`)
    return undefined
  }
  const affected = affectedRecords(result.spf, changes)
  let deltas: BudgetDelta[] = []
  if (affected.length > 0) {
    try {
      deltas = budgetDeltas(affected, await lintBase(changes.base, inputs, cwd, env))
    } catch (error) {
      notes.push(`cannot lint the base commit for lookup changes: ${(error as Error).message}`)
    }
  }
  return { changes, affected, deltas }
}

/** Lint the zones as they were at `commit`, in a scratch directory (the checkout is untouched). */
async function lintBase(
  commit: string,
  inputs: ActionInputs,
  cwd: string,
  env: Env,
): Promise<SpfEntry[]> {
  const dir = await mkdtemp(path.join(env.RUNNER_TEMP || tmpdir(), 'spf-lint-base-'))
  try {
    await extractTree(commit, cwd, dir)
    const prefix = (await git(['rev-parse', '--show-prefix'], cwd)).trim()
    const baseCwd = path.join(dir, prefix)
    await mkdir(baseCwd, { recursive: true })
    // Globs that match nothing in the base: no records before, every record is new.
    const expanded = await expandPaths(inputs.paths, baseCwd)
    if (inputs.paths.length > 0 && expanded.paths.length === 0) return []
    return (await lintTree(baseCwd, inputs, [])).spf
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function keeps(inputs: ActionInputs, r: FindingRelevance | undefined): boolean {
  if (!r || inputs.onlyChanged === 'none') return true
  if (r.inAffectedRecord) return true
  return inputs.onlyChanged === 'files' ? r.inChangedFile : r.onChangedLine
}

function selectFindings(report: Report, kept: boolean[]): Report {
  const findings = report.findings.filter((_, i) => kept[i])
  return { ...report, findings, summary: { ...report.summary, ...countBySeverity(findings) } }
}

function deltaCandidates(pr: PullRequestView | undefined): Candidate[] {
  return (pr?.deltas ?? []).filter(deltaChanged).map((d) => ({
    severity: 'notice',
    onChangedLine: true,
    annotation: {
      level: 'notice',
      title: 'spf-lint lookup budget',
      message: formatDelta(d),
      file: d.changedFile,
      line: d.changedLine,
    },
  }))
}

/** Links to the linted commit: HEAD of the checkout, which is what the line numbers are of. */
async function links(
  env: Env,
  cwd: string,
): Promise<{ links?: { server: string; repository: string; sha: string } }> {
  if (!env.GITHUB_REPOSITORY) return {}
  const head = await git(['rev-parse', 'HEAD'], cwd).then(
    (s) => s.trim(),
    () => undefined,
  )
  const sha = head || env.GITHUB_SHA
  if (!sha) return {}
  return {
    links: {
      server: env.GITHUB_SERVER_URL || 'https://github.com',
      repository: env.GITHUB_REPOSITORY,
      sha,
    },
  }
}
