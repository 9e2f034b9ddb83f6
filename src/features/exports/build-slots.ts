/**
 * How many export files this process builds at once: each holds a database connection, a page of
 * rows, a 1 MiB write block (the part itself goes to a temporary file, part-file.ts) and its share
 * of the event loop, so a crowd of exports
 * must not run side by side. The rest wait their turn in the order they came (README "Exports").
 */
export const EXPORT_BUILDS_AT_ONCE = 2;

export interface BuildSlots {
  /** Runs `work` once a slot is free (in arrival order), and frees the slot when it settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Builds running now, and waiting for a slot. */
  readonly building: number;
  readonly waiting: number;
}

export function createBuildSlots(limit: number): BuildSlots {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`build slots: ${limit} is not a positive integer`);
  let building = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next(); // the slot passes straight on: `building` stays
    else building--;
  };
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (building < limit) building++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
    get building() {
      return building;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** The process's export builds (features/exports/export-job.ts runs every export file through them). */
export const exportBuilds = createBuildSlots(EXPORT_BUILDS_AT_ONCE);
