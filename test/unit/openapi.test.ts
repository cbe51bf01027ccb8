import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument, openApiYaml } from '../../src/openapi.ts';
import { API_TYPES_FILE, apiTypesOf } from '../../scripts/openapi-types.ts';

describe('openapi.yaml', () => {
  it('matches the running app (run `npm run openapi` after changing a route)', async () => {
    const committed = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(openApiYaml(await generateOpenApiDocument()));
  });

  it('web/src/api/schema.ts, the web apps\' API types, are those of openapi.yaml (run `npm run openapi`)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed).toBe(await apiTypesOf(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')));
  });

  it('gives every operation a unique operationId, a tag and a summary', async () => {
    const doc = (await generateOpenApiDocument()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const ids: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        expect(op.tags, `${method} ${path}`).toHaveLength(1);
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        ids.push(op.operationId as string);
      }
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every secured operation 401, every /v1 operation 503, and every error response a problem+json body', async () => {
    const doc = (await generateOpenApiDocument()) as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (op.security) expect(Object.keys(op.responses), `${method} ${path}`).toContain('401');
        // Any route may find the database unavailable for a moment (503 unavailable, Retry-After).
        if (path.startsWith('/v1/')) expect(Object.keys(op.responses), `${method} ${path}`).toContain('503');
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        }
      }
    }
  });
});
