/**
 * @actions/core imports its process runner for one function, platform.getDetails() (the OS name
 * and version, read by running `lsb_release`, `sw_vers` or PowerShell), which spf-lint never
 * calls. The real runner brings @actions/io and Node's child_process, assert and string_decoder
 * modules into every cold start. These stand-ins fail loudly if anything ever uses them.
 */
function unavailable() {
  throw new Error('spf-lint runs no programs through @actions/exec: it is not bundled')
}

export async function exec() {
  unavailable()
}

export async function getExecOutput() {
  unavailable()
}
