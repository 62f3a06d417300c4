/** The OpenAPI 3.1 document, generated from the routes' zod schemas (served at /openapi.json). */
import { z } from "zod";
import { ErrorBody } from "./errors.js";
import type { AnyRoute } from "./route.js";

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
}

function parameters(schema: z.ZodType | undefined, where: "query" | "path"): unknown[] {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (s.required ?? []).includes(name),
    schema: property,
  }));
}

export function openApiDocument(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, "{$1}");
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      responses[status] = {
        description: `HTTP ${status}`,
        content: { "application/json": { schema: jsonSchema(schema) } },
      };
    }
    responses.default = {
      description: "An error: `error` is its machine-readable name",
      content: { "application/json": { schema: jsonSchema(ErrorBody) } },
    };
    const operation: Record<string, unknown> = {
      summary: route.summary,
      parameters: [...parameters(route.query, "query"), ...parameters(route.params, "path")],
      responses,
    };
    if (route.scope) operation.security = [{ bearer: [route.scope] }];
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: jsonSchema(route.body) } },
      };
    } else if (route.consumes) {
      operation.requestBody = {
        required: true,
        content: { [route.consumes]: { schema: { type: "object" } } },
      };
    }
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Vigil",
      version,
      description: "Child-safety intake, decisions and enforcement for end-to-end-encrypted messengers.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "API key (`vigil keys create`)" },
      },
    },
    paths,
  };
}
