// Cursor pagination: `?limit=&starting_after=` → `{ data, has_more }`.
import * as z from './zod.js';

/** A page of a list: `{ data: item[], has_more }`. */
export const PageSchema = <T extends z.ZodMiniType>(item: T) =>
  z.object({ data: z.array(item), has_more: z.boolean() });

export interface Page<T> {
  data: T[];
  has_more: boolean;
}

