import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateOpenApiDocument, openApiYaml } from '../src/openapi.ts';
import { API_TYPES_FILE, apiTypesOf } from './openapi-types.ts';

/**
 * `npm run openapi`: rewrite openapi.yaml at the repository root from the running app's routes,
 * then the web apps' typed API client types (web/src/api/schema.ts) from it.
 */
const target = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
const yaml = openApiYaml(await generateOpenApiDocument());
writeFileSync(target, yaml);
process.stdout.write(`wrote ${target}\n`);
writeFileSync(API_TYPES_FILE, await apiTypesOf(yaml));
process.stdout.write(`wrote ${fileURLToPath(API_TYPES_FILE)}\n`);
