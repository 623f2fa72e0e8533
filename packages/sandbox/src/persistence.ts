// `persist: 'session' | 'local'`: the sandbox's state mirrored to Web Storage after every change
// (a commit, a member token, a checkout session), so a demo signup survives a reload. State seeded
// from other data, or written by an older sandbox, is not loaded.
import type { MemoryCharge, MemoryCheckoutSession, MemoryMemberToken, MemorySnapshot } from '@memberkit/api';
import type { PersistMode } from './store.js';

export interface PersistedState {
  /** 3: the records of @memberkit/api (older persisted state is dropped). */
  version: 3;
  /** Fingerprint of the data it was seeded from. */
  seed: string;
  storage: MemorySnapshot;
  tokens: MemoryMemberToken[];
  payments: MemoryCheckoutSession[];
  /** The processor's off-session charges (renewals); absent in state saved before them. */
  charges?: MemoryCharge[];
}

function webStorage(mode: PersistMode): Storage | null {
  if (mode === 'memory') return null;
  const storage = mode === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  if (!storage) throw new Error(`persist: '${mode}' needs Web Storage (a browser); use 'memory' in Node.`);
  return storage;
}

export class Persistence {
  readonly #storage: Storage | null;
  readonly #key: string;

  constructor(mode: PersistMode, key: string) {
    this.#storage = webStorage(mode);
    this.#key = key;
  }

  get enabled(): boolean {
    return this.#storage !== null;
  }

  /** The mirrored state seeded from `seed`; null when there is none, it is unreadable, or from other data. */
  load(seed: string): PersistedState | null {
    const text = this.#storage?.getItem(this.#key);
    if (!text) return null;
    try {
      const parsed = JSON.parse(text) as PersistedState;
      return parsed.version === 3 && parsed.seed === seed ? parsed : null;
    } catch {
      return null;
    }
  }

  /** `state()` is only called when something is persisted (it copies everything). */
  save(state: () => Omit<PersistedState, 'version'>): void {
    if (this.#storage) this.#storage.setItem(this.#key, JSON.stringify({ version: 3, ...state() }));
  }

  clear(): void {
    this.#storage?.removeItem(this.#key);
  }
}
