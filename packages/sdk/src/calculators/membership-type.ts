/**
 * What a membership type offers a member signing up: whether they choose auto-renewal, whether it
 * renews, whether a discount code applies, whether it is listed, how big a group may be. The
 * widget, the sandbox and SDK users read these here instead of re-deriving them from fields.
 */

/** The parts of a membership type these rules read. */
export interface OfferRules {
  status?: number;
  recurring: boolean | null;
  duration_interval_type: string;
  price: { type: string; value: number };
  registration_type?: string;
  group_size_max?: number | null;
}

/** Listed on the signup page (status 100); hidden types (200) open only when addressed directly. */
export const isListed = (type: Pick<OfferRules, 'status'>): boolean => type.status === 100;
/** Hidden (status 200): reachable only by its id (a `membership-type` attribute, a link). */
export const isHidden = (type: Pick<OfferRules, 'status'>): boolean => type.status === 200;

/** The member chooses whether it renews: `recurring: null`, and a term that ends (a lifetime
 * membership never renews, so there is nothing to choose). */
export const memberChoosesAutoRenew = (type: Pick<OfferRules, 'recurring' | 'duration_interval_type'>): boolean =>
  type.recurring === null && type.duration_interval_type !== 'lifetime';

/** Whether a new membership of this type renews automatically, given the member's choice (used
 * only when they choose). Never for a lifetime membership. */
export const renewsAutomatically = (type: Pick<OfferRules, 'recurring' | 'duration_interval_type'>, choice: boolean): boolean =>
  type.duration_interval_type !== 'lifetime' && (type.recurring ?? choice);

/** A discount code can lower the price: a fixed price above zero (not a donation, not free). */
export const takesDiscount = (type: Pick<OfferRules, 'price'>): boolean => type.price.type === 'fixed' && type.price.value > 0;

/** How many people a signup of this type covers at most, the member included: 1 unless a
 * group; null for a group without a maximum (as quotePrice reads it). */
export const groupCapacity = (type: Pick<OfferRules, 'registration_type' | 'group_size_max'>): number | null =>
  type.registration_type === 'group' ? (type.group_size_max ?? null) : 1;

/** Whether a group signup with `groupMembers` people besides the member can add one more. */
export const canAddGroupMember = (type: Pick<OfferRules, 'registration_type' | 'group_size_max'>, groupMembers: number): boolean => {
  const capacity = groupCapacity(type);
  return type.registration_type === 'group' && (capacity === null || groupMembers + 1 < capacity);
};
