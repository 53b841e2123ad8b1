/** The BIND master-file reader (RFC 1035 §5, as BIND 9 reads it), with exact positions. */
export { formatCanonical } from './canonical.js'
export { MAX_ZONE_FILE_BYTES, ZoneFileCache } from './files.js'
export { loadBindFiles } from './load.js'
export {
  DEFAULT_MAX_INCLUDE_DEPTH,
  parseMasterFile,
  type IncludeReader,
  type IncludeRequest,
  type IncludeResult,
  type ParseOptions,
} from './parser.js'
export { inferOrigin, isBindZoneFileName } from './zone-names.js'
