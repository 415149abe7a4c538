import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/**
 * The official Adaptive Card 1.5 JSON schema, vendored unchanged from the public repository
 * microsoft/AdaptiveCards, path schemas/1.5.0/adaptive-card.json (commit 0353e1bd503ae180c814f4ff27f7d5b2134e0e21).
 * No npm package ships it: adaptivecards 3.x, @microsoft/teams.cards, adaptivecards-templating,
 * @microsoft/adaptivecards-tools and @microsoft/teams-ai contain no schema file, and adaptivecards-designer
 * embeds only the old 1.0 schema.
 */
const SCHEMA_FILE = path.join(__dirname, '..', 'fixtures', 'adaptive-card-1.5.schema.json');

/** Teams drops actions past the sixth in one row. */
const MAX_ACTIONS_PER_ROW = 6;

function compileSchema(): ValidateFunction {
  // The file is draft-06 but names itself with the older `id` keyword, which Ajv 8 refuses; `$id` means the same.
  const { id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(draft06);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  return ajv.compile({ $id: String(id), ...schema });
}

let validateSchema: ValidateFunction | undefined;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object inside a card, with its JSON path. */
function* objectsIn(value: unknown, at = '$'): Generator<[string, Json]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* objectsIn(item, `${at}[${i}]`);
  } else if (isObject(value)) {
    yield [at, value];
    for (const [key, child] of Object.entries(value)) yield* objectsIn(child, `${at}.${key}`);
  }
}

/** What Teams refuses or silently breaks beyond the schema. */
function teamsProblems(card: Json): string[] {
  const problems: string[] = [];
  if (card.version !== '1.5') problems.push(`version must be "1.5" (Teams renders up to 1.5), got ${JSON.stringify(card.version)}`);
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('$schema must be the Adaptive Card schema URL');
  if (Array.isArray(card.actions) && card.actions.length > MAX_ACTIONS_PER_ROW)
    problems.push(`$.actions has ${card.actions.length} actions (max ${MAX_ACTIONS_PER_ROW})`);
  for (const [at, node] of objectsIn(card)) {
    if (node.type === 'Action.Execute') problems.push(`${at}: Action.Execute is not used (Action.Submit only)`);
    if (node.type === 'TextBlock' && (typeof node.text !== 'string' || node.text.trim() === '')) problems.push(`${at}: empty TextBlock`);
    if (node.type === 'TextBlock' && node.wrap !== true) problems.push(`${at}: TextBlock without wrap: true`);
    if (node.type === 'ActionSet' && Array.isArray(node.actions) && node.actions.length > MAX_ACTIONS_PER_ROW) {
      problems.push(`${at}: ActionSet with ${node.actions.length} actions (max ${MAX_ACTIONS_PER_ROW})`);
    }
    if (node.type === 'Action.Submit' && !isObject(node.data)) problems.push(`${at}: Action.Submit data must be an object`);
    if (node.type === 'FactSet' && Array.isArray(node.facts)) {
      for (const [i, fact] of node.facts.entries()) {
        const title = isObject(fact) ? fact.title : undefined;
        if (typeof title !== 'string' || title.trim() === '' || /\*\*|__|`|\n/.test(title))
          problems.push(`${at}.facts[${i}]: fact titles must be non-empty plain text`);
      }
    }
  }
  return problems;
}

/**
 * Problems with a card Teams would be sent, empty when it is valid: errors against the official Adaptive
 * Card 1.5 schema, then Teams' own rules (version 1.5, no Action.Execute, no empty TextBlocks, at most six
 * actions a row, object data on Action.Submit, plain FactSet titles).
 */
export function adaptiveCardProblems(card: unknown): string[] {
  validateSchema ??= compileSchema();
  const schemaErrors = validateSchema(card) ? [] : (validateSchema.errors ?? []).map((e) => `schema: ${e.instancePath || '$'} ${e.message ?? ''}`);
  return [...schemaErrors, ...(isObject(card) ? teamsProblems(card) : ['card is not an object'])];
}
