/**
 * The command line, kept thin: arguments -> lint() -> reporter -> exit code.
 * Exit status: 0 nothing at or above `--fail-on` (default: error), 1 findings that fail the run,
 * 2 bad usage or a fatal problem.
 */
import { parseArgs } from 'node:util'
import {
  lint,
  nothingReadMessage,
  readNothing,
  toReport,
  toReportParts,
  type LintResult,
} from './lint.js'
import { VERSION } from './version.js'
import { FAIL_ON, shouldFail, type FailOn } from './model/finding.js'
import type { ReportSummary } from './report/report.js'
import { formatText } from './report/text.js'
import { writeJson } from './report/json.js'
import { formatSarif } from './report/sarif.js'
import { formatGithub } from './report/github.js'
import { checkHostCommand } from './commands/check-host.js'
import { initCommand } from './commands/init.js'
import { UsageError, fatal } from './commands/errors.js'
import { LIVE_ARGS, LIVE_HELP, liveLintOptions } from './commands/live-options.js'
import { progressLine } from './commands/progress.js'

const USAGE = `Usage: spf-lint [options] [paths...]
       spf-lint check-host --ip ADDR --sender ADDR [--helo NAME] [options] [paths...]
       spf-lint --init
`

const HELP = `${USAGE}
Lint every SPF record in the DNS zones kept in a repository: BIND zone files, octoDNS YAML
and native YAML zones. Paths default to the current directory.

Options:
  -f, --format FORMAT   text (default), json, sarif or github
  -c, --config FILE     configuration file (default: .spf-lint.yml in the root)
      --root DIR        linted root; nothing outside it is read (default: the current
                        directory, or the folder holding the paths when they lie outside it)
      --by-content      also read files whose names do not look like zones (db.*, *.zone,
                        *.db) when their content does: a $ORIGIN or $TTL line, or an SOA
      --no-color        plain text output (also when NO_COLOR is set or output is not a TTY)
      --fail-on LEVEL   lowest severity that makes the exit status 1: error (default),
                        warning, notice or never
      --init            write a commented .spf-lint.yml starter file and exit
  -h, --help            show this help
  -v, --version         show the version

${LIVE_HELP}
Exit status: 0 nothing that fails the run, 1 findings at or above --fail-on (default: any
error), 2 bad usage or fatal problem.
Rules: https://github.com/spf-lint/spf-lint/tree/main/docs/rules
`

const FORMATS = ['text', 'json', 'sarif', 'github'] as const
type Format = (typeof FORMATS)[number]

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'check-host') return await checkHostCommand(argv.slice(1))
    return await lintCommand(argv)
  } catch (error) {
    // After a mistake, the usage lines and where the rest is: the whole help would bury the error.
    return fatal(error, `${USAGE}Run "spf-lint --help" for every option.\n`)
  }
}

async function lintCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv)
  if (values.help) {
    process.stdout.write(HELP)
    return 0
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`)
    return 0
  }
  if (values.init) return initCommand(process.cwd())
  // Like yamllint: inside GitHub Actions, annotations unless a format is asked for.
  const format = (values.format ??
    (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text')) as Format
  if (!FORMATS.includes(format))
    throw new UsageError(`unknown format "${format}"; use one of ${FORMATS.join(', ')}`)
  const failOn = (values['fail-on'] ?? 'error') as FailOn
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(`unknown --fail-on "${failOn}"; use one of ${FAIL_ON.join(', ')}`)

  const progress = progressLine()
  const result = await lint({
    paths: positionals,
    ...(values.root ? { root: values.root } : {}),
    ...(values.config ? { configPath: values.config } : {}),
    ...(values['by-content'] ? { zonesByContent: true } : {}),
    ...liveLintOptions(values),
    onProgress: progress.onProgress,
  }).finally(progress.clear)
  const lock = result.live?.lockWritten
  if (lock) {
    process.stderr.write(
      lock.written
        ? `spf-lint: wrote ${lock.file} (${lock.names} names)\n`
        : `spf-lint: ${lock.file} is up to date\n`,
    )
  }
  if (format === 'json') {
    const parts = toReportParts(result)
    writeJson(parts, (chunk) => process.stdout.write(chunk))
    return finalStatus(result, failOn, parts.summary)
  }
  const report = toReport(result)
  const files = new Map(result.files.map((f) => [f.path, f]))
  const lineText = (file: string, line: number) => files.get(file)?.lineText(line)
  if (format === 'sarif') process.stdout.write(formatSarif(report, { lineText }))
  else if (format === 'github') process.stdout.write(formatGithub(report))
  else {
    const color = !values['no-color'] && !process.env.NO_COLOR && process.stdout.isTTY === true
    process.stdout.write(formatText(report, { color, lineText }))
  }
  return finalStatus(result, failOn, report.summary)
}

function finalStatus(result: LintResult, failOn: FailOn, summary: ReportSummary): number {
  if (result.stopped) {
    // The report above is partial: a run cut short is a failure, whatever it found.
    process.stderr.write(`spf-lint: ${result.stopped}\n`)
    return 2
  }
  if (readNothing(result)) {
    // A run that read nothing must not pass as clean: a renamed folder would go unnoticed.
    const remedy = result.zoneLike?.length ? 'use --by-content' : 'name the files'
    process.stderr.write(`spf-lint: ${nothingReadMessage(result, remedy)}\n`)
    return 2
  }
  return shouldFail(failOn, summary) ? 1 : 0
}

function parseCli(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        root: { type: 'string' },
        'no-color': { type: 'boolean' },
        'fail-on': { type: 'string' },
        'by-content': { type: 'boolean' },
        init: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        ...LIVE_ARGS,
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
