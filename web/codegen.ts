import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for the web are generated from the schema the server emits
// (server/schema.graphql). GRAPHQL_SCHEMA overrides it, e.g. to point at a
// contract file before the server has emitted one.
const config: CodegenConfig = {
  overwrite: true,
  schema: process.env.GRAPHQL_SCHEMA ?? '../server/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        // Apollo Client reads fragments from plain objects; codegen's type-only
        // masking would only add unmask boilerplate without runtime benefit.
        fragmentMasking: false,
      },
      config: {
        strictScalars: true,
        scalars: {
          ID: 'string',
          DateTimeISO: 'string',
          LocalDate: 'string',
          GeoJSONMultiPolygon: "{ type: 'MultiPolygon'; coordinates: number[][][][] }",
          JSONObject: 'Record<string, unknown>',
        },
        // Apollo's recommended settings: nullable fields are `T | null`
        // (what the server sends), optional inputs may be omitted.
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
