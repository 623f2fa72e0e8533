// A step's heading, in a module of its own: the error screen (first chunk) and the steps' screens
// (steps chunk, through ./view.ts) share it, and view.ts's other helpers stay with the steps.
import { html } from 'lit';

/** A step's heading, focused when the step opens (`data-focus`). */
export const heading = (text: string) => html`<h2 tabindex="-1" data-focus part="heading">${text}</h2>`;
