/**
 * The validators of the schemas in `schemas/`, compiled ahead of time by ajv
 * (scripts/compile-schemas.js; a test fails when they are older than the schemas).
 */
import type { ValidateFunction } from 'ajv'
import * as compiled from './validators.generated.js'

export const validateZone = compiled.zone as ValidateFunction
export const validateConfig = compiled.config as ValidateFunction
