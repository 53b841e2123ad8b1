/** The `Runner` over `@actions/core`: the one module that imports the toolkit. */
import * as core from '@actions/core'
import type { Runner } from './runner.js'
import type { Annotation } from './workflow-commands.js'

export function actionsRunner(): Runner {
  return {
    input: (name) => core.getInput(name),
    annotate: (a) => annotationFunction(a.level)(a.message, properties(a)),
    notice: (message) => core.notice(message),
    log: (text) => core.info(text),
    setOutput: (name, value) => core.setOutput(name, value),
    summary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return
      await core.summary.addRaw(markdown, true).write()
    },
    group: (name, fn) => core.group(name, fn),
    setFailed: (message) => core.setFailed(message),
  }
}

function annotationFunction(level: Annotation['level']) {
  return level === 'error' ? core.error : level === 'warning' ? core.warning : core.notice
}

/** The toolkit skips falsy values, so only positive positions are passed at all. */
function properties(a: Annotation): core.AnnotationProperties {
  const p: core.AnnotationProperties = {}
  if (a.title) p.title = a.title
  if (a.file) p.file = a.file
  if (positive(a.line)) p.startLine = a.line
  if (positive(a.endLine)) p.endLine = a.endLine
  if (positive(a.column)) p.startColumn = a.column
  if (positive(a.endColumn)) p.endColumn = a.endColumn
  return p
}

function positive(n: number | undefined): n is number {
  return n !== undefined && Number.isInteger(n) && n > 0
}
