/**
 * Archiving a membership type: an archived type takes no new signups and is listed nowhere, but
 * the memberships sold with it keep running (they snapshot its term and price) and can be renewed
 * until they end; nothing about a type is ever deleted, since memberships name it.
 */
export interface MembershipTypeArchiving {
  /** When staff archived it, or null/absent. */
  archived_at?: string | null | undefined;
}

export const isArchived = (type: MembershipTypeArchiving): boolean => (type.archived_at ?? null) !== null;
