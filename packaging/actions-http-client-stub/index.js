/**
 * @actions/core imports its HTTP client for one function, getIDToken() (an OIDC token from the
 * runner), which spf-lint never calls. The real client brings undici: half of the action's bundle
 * and ~50 ms of every cold start. These stand-ins fail loudly if anything ever uses them.
 */
function unavailable() {
  throw new Error('spf-lint makes no HTTP requests: @actions/http-client is not bundled')
}

export class HttpClient {
  constructor() {
    unavailable()
  }
}

export class BearerCredentialHandler {
  constructor() {
    unavailable()
  }
}
