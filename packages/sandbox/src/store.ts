// `sandbox.store`: what the sandbox holds, read synchronously (tests, demo pages), over the API's
// memory storage. Rows are the API's records (@memberkit/api's records.ts), frozen. A record a
// single-record getter answers (`organization`, `membershipType`, `discount`, `member`, …) is a
// live view: setting one of its properties writes that column (a test's setup, such as renaming a
// plan); its nested values stay frozen.
import type {
  CheckoutRecord,
  CompanyRecord,
  DiscountRecord,
  IdempotencyRecord,
  InvitationRecord,
  MemberRecord,
  MembershipRecord,
  MembershipTypeRecord,
  MemoryMemberToken,
  MemoryMemberTokens,
  MemoryStorage,
  OrganizationRecord,
  OutboxRecord,
  PaymentRecord,
  SignupRecord,
  TableName,
  Tables,
  Where,
} from '@memberkit/api';
import { normalizeEmail } from '@memberkit/sdk/calculators';

/** Every table, as plain frozen rows: by id, or (for the code-keyed and per-organization ones) as lists. */
export interface StoreState {
  organizations: Record<string, OrganizationRecord>;
  /** By organization, in its order. */
  membership_types: Record<string, MembershipTypeRecord[]>;
  discounts: DiscountRecord[];
  invitations: InvitationRecord[];
  members: Record<string, MemberRecord>;
  memberships: Record<string, MembershipRecord>;
  companies: Record<string, CompanyRecord>;
  signups: Record<string, SignupRecord>;
  checkouts: Record<string, CheckoutRecord>;
  payments: Record<string, PaymentRecord>;
  /** By `organization|scope` (the caller and the key). */
  idempotency: Record<string, IdempotencyRecord>;
  outbox: OutboxRecord[];
  /** Member tokens by token. */
  tokens: Record<string, MemoryMemberToken>;
}

export type PersistMode = 'memory' | 'session' | 'local';

const byId = <R extends { id: string }>(rows: readonly R[]): Record<string, R> => {
  const map: Record<string, R> = Object.create(null) as Record<string, R>;
  for (const row of rows) map[row.id] = row;
  return map;
};

/** A live, editable view of one stored row (see the file's comment). */
function editable<T extends TableName>(storage: MemoryStorage, table: T, key: Where<Tables[T]>): Tables[T] | undefined {
  if (!storage.rows(table, key)[0]) return undefined;
  const current = () => (storage.rows(table, key)[0] ?? {}) as unknown as Record<PropertyKey, unknown>;
  return new Proxy({} as Tables[T], {
    get: (_target, property) => current()[property],
    set: (_target, property, value) => {
      if (typeof property !== 'string') return false;
      storage.runSync((tx) => tx.update(table, key, { [property]: value } as Partial<Tables[T]>));
      return true;
    },
    has: (_target, property) => property in current(),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_target, property) =>
      Object.hasOwn(current(), property) ? { value: current()[property], writable: true, enumerable: true, configurable: true } : undefined,
  });
}

export class SandboxStore {
  readonly #storage: MemoryStorage;
  readonly #tokens: MemoryMemberTokens;
  readonly #save: () => void;

  constructor(storage: MemoryStorage, tokens: MemoryMemberTokens, save: () => void) {
    this.#storage = storage;
    this.#tokens = tokens;
    this.#save = save;
  }

  /** Every table as it is now (each read builds the table asked for). */
  get state(): StoreState {
    const storage = this.#storage;
    const tokens = this.#tokens;
    return {
      get organizations() {
        return byId(storage.rows('organizations'));
      },
      get membership_types() {
        const grouped: Record<string, MembershipTypeRecord[]> = Object.create(null) as Record<string, MembershipTypeRecord[]>;
        for (const type of [...storage.rows('membership_types')].sort((a, b) => a.position - b.position)) {
          (grouped[type.organization_id] ??= []).push(type);
        }
        return grouped;
      },
      get discounts() {
        return [...storage.rows('discounts')];
      },
      get invitations() {
        return [...storage.rows('invitations')];
      },
      get members() {
        return byId(storage.rows('members'));
      },
      get memberships() {
        return byId(storage.rows('memberships'));
      },
      get companies() {
        return byId(storage.rows('companies'));
      },
      get signups() {
        return byId(storage.rows('signups'));
      },
      get checkouts() {
        return byId(storage.rows('checkouts'));
      },
      get payments() {
        return byId(storage.rows('payments'));
      },
      get idempotency() {
        const records: Record<string, IdempotencyRecord> = Object.create(null) as Record<string, IdempotencyRecord>;
        for (const row of storage.rows('idempotency_keys')) records[`${row.organization_id}|${row.id}`] = row;
        return records;
      },
      get outbox() {
        return [...storage.rows('outbox')];
      },
      get tokens() {
        const entries: Record<string, MemoryMemberToken> = Object.create(null) as Record<string, MemoryMemberToken>;
        for (const entry of tokens.entries()) entries[entry.token] = Object.freeze(entry);
        return entries;
      },
    };
  }

  /** Mirrors the state to Web Storage now (with `persist`; a no-op in memory). */
  save(): void {
    this.#save();
  }

  organization(id: string): OrganizationRecord | undefined {
    return editable(this.#storage, 'organizations', { id });
  }

  membershipTypes(organizationId: string): MembershipTypeRecord[] {
    return [...this.#storage.rows('membership_types', { organization_id: organizationId })].sort((a, b) => a.position - b.position);
  }

  membershipType(organizationId: string, id: string): MembershipTypeRecord | undefined {
    return editable(this.#storage, 'membership_types', { organization_id: organizationId, id });
  }

  /** The discount with this code (case-insensitive). */
  discount(organizationId: string, code: string): DiscountRecord | undefined {
    return editable(this.#storage, 'discounts', { organization_id: organizationId, code_key: code.trim().toUpperCase() });
  }

  invitation(organizationId: string, code: string): InvitationRecord | undefined {
    return editable(this.#storage, 'invitations', { organization_id: organizationId, code_key: code.trim().toUpperCase() });
  }

  member(organizationId: string, id: string): MemberRecord | undefined {
    return editable(this.#storage, 'members', { organization_id: organizationId, id });
  }

  /** The member with this email (normalized here). */
  memberByEmail(organizationId: string, email: string): MemberRecord | undefined {
    return editable(this.#storage, 'members', { organization_id: organizationId, email: normalizeEmail(email) });
  }

  members(organizationId: string): MemberRecord[] {
    return [...this.#storage.rows('members', { organization_id: organizationId })];
  }

  membership(organizationId: string, id: string): MembershipRecord | undefined {
    return editable(this.#storage, 'memberships', { organization_id: organizationId, id });
  }

  memberships(organizationId: string): MembershipRecord[] {
    return [...this.#storage.rows('memberships', { organization_id: organizationId })];
  }

  company(organizationId: string, id: string): CompanyRecord | undefined {
    return editable(this.#storage, 'companies', { organization_id: organizationId, id });
  }

  signup(organizationId: string, id: string): SignupRecord | undefined {
    return editable(this.#storage, 'signups', { organization_id: organizationId, id });
  }

  /** The payments recorded (of one organization, or of all). */
  payments(organizationId?: string): PaymentRecord[] {
    return [...this.#storage.rows('payments', organizationId === undefined ? {} : { organization_id: organizationId })];
  }
}
