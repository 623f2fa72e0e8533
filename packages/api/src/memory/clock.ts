// The Clock port on the system clock.
import { localDate } from '@memberkit/sdk/calculators';
import type { Clock } from '../ports/clock.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  today: (timeZone) => localDate(new Date(), timeZone),
};
