import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';

/**
 * Every operation the web sends, read from its generated documents, so the
 * server's limits can be checked against what the product really asks.
 */
export function webOperations(): { name: string; document: DocumentNode }[] {
  const file = fileURLToPath(new URL('../../../web/src/gql/graphql.ts', import.meta.url));
  const source = fs.readFileSync(file, 'utf8');
  const docs: { name: string; document: DocumentNode }[] = [];
  const pattern = /export const (\w+Document) = (\{"kind":"Document".*?\}) as unknown as DocumentNode/g;
  for (const match of source.matchAll(pattern)) {
    const document = JSON.parse(match[2]) as DocumentNode;
    if (document.definitions.some((d) => d.kind === 'OperationDefinition')) {
      const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
      docs.push({ name: op.name?.value ?? match[1], document });
    }
  }
  return docs;
}
