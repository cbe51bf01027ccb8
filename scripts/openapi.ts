import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateOpenApiDocument, openApiYaml } from '../src/openapi.ts';

/** `npm run openapi`: rewrite openapi.yaml at the repository root from the running app's routes. */
const target = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
writeFileSync(target, openApiYaml(await generateOpenApiDocument()));
process.stdout.write(`wrote ${target}\n`);
