import { sourceRule } from './util.js'

/** A $INCLUDE (or symbolic link) that leaves the linted root, or names a missing file; never read. */
export const rule = sourceRule({
  code: 'SPF403',
  name: 'include-outside-root',
  severity: 'error',
  description:
    'A $INCLUDE (or symbolic link) that leaves the linted root, or names a missing file; never read.',
})
