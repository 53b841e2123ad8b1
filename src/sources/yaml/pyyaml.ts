/**
 * How PyYAML's safe loader (YAML 1.1 implicit typing, what octoDNS uses) types a plain scalar.
 * The `yaml` package reads files as YAML 1.2, where `on`, `no`, `0300` and `1:30` are plain
 * strings or decimal numbers; octoDNS sees booleans, octal and sexagesimal numbers instead.
 * The patterns follow the YAML 1.1 type definitions (yaml.org/type/{bool,int,float,null,timestamp}).
 */

export type PyyamlType = 'str' | 'bool' | 'int' | 'float' | 'null' | 'timestamp'

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const INT =
  /^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const NULL = /^(?:~|null|Null|NULL|)$/
const TIMESTAMP =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/

export function pyyamlType(plain: string): PyyamlType {
  if (BOOL.test(plain)) return 'bool'
  if (INT.test(plain)) return 'int'
  if (FLOAT.test(plain)) return 'float'
  if (NULL.test(plain)) return 'null'
  if (TIMESTAMP.test(plain)) return 'timestamp'
  return 'str'
}

/** The integer PyYAML reads from a plain scalar (octal `0300`, `0x`, `0b`, `1:30:00`), if any. */
export function pyyamlInt(plain: string): number | undefined {
  if (!INT.test(plain)) return undefined
  const sign = plain.startsWith('-') ? -1 : 1
  const digits = plain.replace(/^[-+]/, '').replace(/_/g, '')
  if (digits.includes(':')) {
    return sign * digits.split(':').reduce((total, part) => total * 60 + Number(part), 0)
  }
  if (digits.startsWith('0b')) return sign * parseInt(digits.slice(2), 2)
  if (digits.startsWith('0x')) return sign * parseInt(digits.slice(2), 16)
  if (digits.length > 1 && digits.startsWith('0')) return sign * parseInt(digits.slice(1), 8)
  return sign * Number(digits)
}
