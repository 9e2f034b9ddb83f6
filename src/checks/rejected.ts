import type { Executor } from '../db/client.js';
import { rejectedPayloads } from '../db/schema.js';

/** Keeps a body we could not take, whole, for the owner to inspect. */
export async function storeRejected(
  db: Executor,
  input: { businessId: number; status: number; problems: string[]; contentType: string | null; body: Buffer },
): Promise<void> {
  await db.insert(rejectedPayloads).values(input);
}
