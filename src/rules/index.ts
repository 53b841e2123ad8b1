/** The rule registry: every rule, in code order. Codes are a public contract. */
import type { Rule } from './types.js'
import { rule as SPF001 } from './SPF001-no-spf-record.js'
import { rule as SPF002 } from './SPF002-multiple-spf-records.js'
import { rule as SPF003 } from './SPF003-spf-rr-type.js'
import { rule as SPF004 } from './SPF004-malformed-version.js'
import { rule as SPF005 } from './SPF005-string-too-long.js'
import { rule as SPF006 } from './SPF006-record-too-long.js'
import { rule as SPF007 } from './SPF007-strings-join-badly.js'
import { rule as SPF008 } from './SPF008-non-ascii.js'
import { rule as SPF101 } from './SPF101-unknown-mechanism.js'
import { rule as SPF102 } from './SPF102-invalid-separator.js'
import { rule as SPF103 } from './SPF103-invalid-ip.js'
import { rule as SPF104 } from './SPF104-invalid-domain-spec.js'
import { rule as SPF105 } from './SPF105-invalid-macro.js'
import { rule as SPF106 } from './SPF106-unexpected-argument.js'
import { rule as SPF107 } from './SPF107-duplicate-modifier.js'
import { rule as SPF108 } from './SPF108-unknown-modifier.js'
import { rule as SPF109 } from './SPF109-uppercase.js'
import { rule as SPF110 } from './SPF110-extra-whitespace.js'
import { rule as SPF111 } from './SPF111-host-bits-set.js'
import { rule as SPF201 } from './SPF201-too-many-lookups.js'
import { rule as SPF202 } from './SPF202-lookups-near-limit.js'
import { rule as SPF203 } from './SPF203-too-many-void-lookups.js'
import { rule as SPF204 } from './SPF204-too-many-mx-names.js'
import { rule as SPF205 } from './SPF205-include-without-spf.js'
import { rule as SPF206 } from './SPF206-include-loop.js'
import { rule as SPF207 } from './SPF207-redirect-without-spf.js'
import { rule as SPF208 } from './SPF208-unresolved-name.js'
import { rule as SPF209 } from './SPF209-ptr-mechanism.js'
import { rule as SPF210 } from './SPF210-duplicate-include.js'
import { rule as SPF301 } from './SPF301-permissive-all.js'
import { rule as SPF302 } from './SPF302-neutral-all.js'
import { rule as SPF303 } from './SPF303-missing-all.js'
import { rule as SPF304 } from './SPF304-terms-after-all.js'
import { rule as SPF305 } from './SPF305-redirect-with-all.js'
import { rule as SPF306 } from './SPF306-overly-broad-range.js'
import { rule as SPF307 } from './SPF307-non-public-range.js'
import { rule as SPF308 } from './SPF308-sender-not-authorized.js'
import { rule as SPF309 } from './SPF309-no-mail-domain.js'
import { rule as SPF401 } from './SPF401-parse-error.js'
import { rule as SPF402 } from './SPF402-unescaped-semicolon.js'
import { rule as SPF403 } from './SPF403-include-outside-root.js'
import { rule as SPF404 } from './SPF404-schema-violation.js'
import { rule as SPF405 } from './SPF405-unused-suppression.js'
import { rule as SPF406 } from './SPF406-bind-check-names.js'
import { rule as SPF501 } from './SPF501-mx-target-missing.js'
import { rule as SPF502 } from './SPF502-mx-target-is-ip.js'
import { rule as SPF503 } from './SPF503-mx-target-is-cname.js'
import { rule as SPF504 } from './SPF504-null-mx-with-senders.js'
import { rule as SPF601 } from './SPF601-published-differs.js'
import { rule as SPF602 } from './SPF602-dns-error.js'
import { rule as SPF603 } from './SPF603-provider-include-changed.js'

export const rules: Rule[] = [
  SPF001,
  SPF002,
  SPF003,
  SPF004,
  SPF005,
  SPF006,
  SPF007,
  SPF008,
  SPF101,
  SPF102,
  SPF103,
  SPF104,
  SPF105,
  SPF106,
  SPF107,
  SPF108,
  SPF109,
  SPF110,
  SPF111,
  SPF201,
  SPF202,
  SPF203,
  SPF204,
  SPF205,
  SPF206,
  SPF207,
  SPF208,
  SPF209,
  SPF210,
  SPF301,
  SPF302,
  SPF303,
  SPF304,
  SPF305,
  SPF306,
  SPF307,
  SPF308,
  SPF309,
  SPF401,
  SPF402,
  SPF403,
  SPF404,
  SPF405,
  SPF406,
  SPF501,
  SPF502,
  SPF503,
  SPF504,
  SPF601,
  SPF602,
  SPF603,
]

export function findRule(codeOrName: string): Rule | undefined {
  const key = codeOrName.trim()
  return rules.find((r) => r.code === key.toUpperCase() || r.name === key.toLowerCase())
}
