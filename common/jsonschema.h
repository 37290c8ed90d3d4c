#ifndef PRECIS_JSONSCHEMA_H
#define PRECIS_JSONSCHEMA_H

#include <jansson.h>
#include <stddef.h>

/*
 * A validator for the part of JSON Schema (2020-12) that precis' message
 * contracts use: type, const, enum, required, properties,
 * additionalProperties: false, items, minItems and maxItems, minLength and
 * maxLength (in characters), minimum and maximum, the date-time and uri
 * formats, and $ref into the schema's own $defs. Anything else in a schema
 * is ignored, so keep the contracts within this list.
 */

/*
 * Checks doc against schema (both borrowed). Returns 0, or -1 with the
 * first problem and where it is in errstr, e.g. "$.key_points: 4 items, at
 * most 3 allowed".
 */
int jsonschema_validate(const json_t *schema, const json_t *doc, char *errstr, size_t errsize);

#endif
