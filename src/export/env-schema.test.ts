import { describe, expect, it } from 'vitest';
import { parseEnvDeclaration } from '../engine';
import { envJsonSchema } from './index';

describe('envJsonSchema()', () => {
  it('names exactly the fields the declaration parser knows, and allows comments', () => {
    const schema = envJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    const fields = Object.keys(schema.properties);
    const unknown = parseEnvDeclaration('{"nope": 1}');
    expect(unknown).toEqual({ ok: false, message: `unknown field "nope" (known: ${fields.join(', ')})` });
    expect(schema.additionalProperties).toBe(false);
    expect(schema).toMatchObject({ allowComments: true, allowTrailingCommas: true });
    const d1 = schema.properties.d1_databases as { items: { properties: object; required: string[] } };
    expect(Object.keys(d1.items.properties)).toEqual(['binding', 'database_name', 'database_id']);
    expect(d1.items.required).toEqual(['binding']);
  });
});
