// Cursor pagination: `?limit=&starting_after=` → `{ data, has_more }`.
import { z } from './zod.js';

/** A page of a list: `{ data: item[], has_more }`. */
export const PageSchema = <T extends z.ZodMiniType>(item: T) =>
  z.object({ data: z.array(item), has_more: z.boolean() });

export interface Page<T> {
  data: T[];
  has_more: boolean;
}

/** Query of every list call. */
export const ListParamsSchema = z.object({
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  starting_after: z.optional(z.string()),
});
export type ListParams = z.infer<typeof ListParamsSchema>;
