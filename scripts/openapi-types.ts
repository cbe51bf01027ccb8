import openapiTS, { astToString } from 'openapi-typescript';

/** Where the web apps' API types live: generated from openapi.yaml, never edited by hand. */
export const API_TYPES_FILE = new URL('../web/src/api/schema.ts', import.meta.url);

const HEADER = `// Generated from openapi.yaml by \`npm run openapi\` (openapi-typescript): do not edit.
// test/unit/openapi.test.ts fails when this file is stale.
`;

/** The TypeScript types of an OpenAPI document (the YAML text), as web/src/api/client.ts uses them. */
export async function apiTypesOf(openApiYamlText: string): Promise<string> {
  const ast = await openapiTS(openApiYamlText, { silent: true });
  return HEADER + astToString(ast);
}
