import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../shared/package-root.js';

type Json = Record<string, unknown>;

const document = parse(readFileSync(join(PACKAGE_ROOT, 'openapi.yaml'), 'utf8')) as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'openapi.json', ...document });

const validators = new Map<string, ValidateFunction>();
const paths = document['paths'] as Record<string, Record<string, Json>>;

function resolveRef(node: Json): Json {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  let target: unknown = document;
  for (const part of ref.replace(/^#\//, '').split('/')) target = (target as Json)[part];
  return resolveRef(target as Json);
}

/** Finds the openapi.yaml path template matching a concrete path, e.g. /requests/KP-1/state/. */
function matchPath(path: string): string | undefined {
  return Object.keys(paths).find((template) => {
    const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(path);
  });
}

/** Whether openapi.yaml documents `method` on a template matching `path`. */
export function documentsOperation(method: string, path: string): boolean {
  const template = matchPath(path.split('?')[0] ?? path);
  return template !== undefined && paths[template]?.[method.toLowerCase()] !== undefined;
}

/**
 * Throws unless `body` matches the schema openapi.yaml documents for this method, path and status.
 * A response the spec does not document at all fails too.
 */
export function assertMatchesSpec(method: string, path: string, status: number, body: unknown): void {
  const template = matchPath(path.split('?')[0] ?? path);
  if (template === undefined) throw new Error(`openapi.yaml documents no path matching ${path}`);
  const operation = paths[template]?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`openapi.yaml documents no ${method} ${template}`);
  const responses = operation['responses'] as Record<string, Json>;
  const response = responses[String(status)];
  if (response === undefined)
    throw new Error(`openapi.yaml documents no ${status} for ${method} ${template}`);
  const content = resolveRef(response)['content'] as Record<string, Json> | undefined;
  const schema = content?.['application/json']?.['schema'] as Json | undefined;
  if (schema === undefined)
    throw new Error(`openapi.yaml has no JSON schema for ${status} ${method} ${template}`);
  const key = `${method.toLowerCase()} ${template} ${status}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile(rewriteRefs(schema));
    validators.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `${method} ${path} ${status}: body does not match openapi.yaml: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
    );
  }
}

function rewriteRefs(node: unknown): Json {
  return JSON.parse(
    JSON.stringify(node).replace(/"\$ref":"#\/components/g, '"$ref":"openapi.json#/components'),
  ) as Json;
}

/** The methods openapi.yaml documents for the path template matching `path`; undefined when none matches. */
export function documentedMethods(path: string): string[] | undefined {
  const template = matchPath(path.split('?')[0] ?? path);
  if (template === undefined) return undefined;
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  return Object.keys(paths[template] ?? {})
    .filter((key) => methods.includes(key))
    .map((key) => key.toUpperCase());
}

/** Throws unless `body` matches `components.schemas[name]` (for answers no path template names, e.g. 404s). */
export function assertMatchesSchema(name: string, body: unknown): void {
  const key = `schema ${name}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` });
    validators.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `body does not match ${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
    );
  }
}
