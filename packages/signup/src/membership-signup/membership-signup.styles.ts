// Styles of <membership-signup>: everything themable through --mk-* custom properties (with
// fallbacks), light/dark/auto, visible focus, logical properties for right-to-left layouts.
// Checkboxes are 24 px (1.5rem): WCAG 2.2 target size (2.5.8). Text from the API may hold words
// of any length (a 10,000-character name): `overflow-wrap: anywhere` breaks them, and lets the
// widget's min-content width ignore them, so it never outgrows its container. (Comments stay out of the css``
// literal: it ships as written.) The font is the page's (its family at 1rem/1.5) unless --mk-font names one:
// .base takes --mk-font or inherits the host's.
import { css } from 'lit';

// The dark palette, once: for theme="dark", and for theme="auto" when the system prefers dark.
const dark = css`
  --_bg: var(--mk-color-background, #111827);
  --_surface: var(--mk-color-surface, #1f2937);
  --_text: var(--mk-color-text, #f3f4f6);
  --_muted: var(--mk-color-muted, #c4cad4);
  --_border: var(--mk-color-border, #8b95a5);
  --_accent: var(--mk-color-accent, #93c5fd);
  --_on-accent: var(--mk-color-on-accent, #0b1220);
  --_error: var(--mk-color-error, #fca5a5);
  --_focus: var(--mk-color-focus, #93c5fd);
  color-scheme: dark;
`;

export const styles = css`
  :host {
    --_bg: var(--mk-color-background, #fff);
    --_surface: var(--mk-color-surface, #f6f7f9);
    --_text: var(--mk-color-text, #1b1f24);
    --_muted: var(--mk-color-muted, #4b5563);
    --_border: var(--mk-color-border, #8a94a3);
    --_accent: var(--mk-color-accent, #1d4ed8);
    --_on-accent: var(--mk-color-on-accent, #fff);
    --_error: var(--mk-color-error, #b91c1c);
    --_focus: var(--mk-color-focus, #1d4ed8);
    --_radius: var(--mk-radius, 8px);
    --_space: var(--mk-space, 1rem);
    display: block;
    color: var(--_text);
    background: var(--_bg);
    font-size: 1rem;
    line-height: 1.5;
    max-inline-size: var(--mk-max-width, 60rem);
  }
  :host([theme=dark]) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme=auto]) {
      ${dark}
    }
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  .base {
    font: var(--mk-font, inherit);
    padding: var(--_space);
    overflow-wrap: anywhere;
  }
  .base:not([data-step=plans], [data-step=loading]) {
    max-inline-size: 40rem;
  }
  h2 {
    font-size: 1.375em;
    margin: 0 0 calc(var(--_space) / 2);
  }
  h3,
  h4 {
    font-size: 1.125em;
    margin: 0;
  }
  .actions h3 {
    align-self: center;
  }
  .term {
    margin: var(--_space) 0 .75rem;
  }
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .muted,
  .hint {
    color: var(--_muted);
  }
  .hint {
    font-size: .9em;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .plans {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fill, minmax(max(14rem, 30%), 1fr));
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .card {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: .25rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .featured {
    border-color: var(--_accent);
    box-shadow: 0 0 0 1px var(--_accent);
  }
  .card button {
    margin-block-start: auto;
  }
  .badges {
    position: absolute;
    inset-block-start: -.8em;
    inset-inline-start: var(--_space);
  }
  .badge {
    background: var(--_surface);
    font-size: .8em;
    font-weight: 600;
    padding: 0 .5em;
    margin-inline-end: .25em;
    border: 1px solid;
    border-radius: 1em;
  }
  .price {
    font-size: 1.5em;
    font-weight: 700;
    margin: 0;
  }
  form,
  fieldset {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: var(--_space);
  }
  .person {
    grid-template-columns: 1fr 1fr;
    border-width: 1px 0 0;
    border-radius: 0;
    padding-inline: 0;
  }
  .person > :not(div+div) {
    grid-column: 1 / -1;
  }
  .person > button {
    justify-self: start;
  }
  @media (max-width: 30rem) {
    fieldset {
      border: 0;
      padding: 0;
    }
  }
  .field {
    display: grid;
    gap: .25rem;
  }
  .field > p {
    margin: 0;
  }
  .check {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: .5rem;
  }
  .check > p {
    flex-basis: 100%;
    margin: 0;
  }
  label,
  legend {
    font-weight: 600;
  }
  input:not([type=checkbox]),
  select,
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: .5rem .75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[type=checkbox] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  :is(input, select, textarea)[aria-invalid=true] {
    border-color: var(--_error);
    border-width: 2px;
  }
  input[type=checkbox][aria-invalid=true] {
    outline: 2px solid var(--_error);
  }
  button {
    min-block-size: 2.75rem;
    padding: .5rem 1rem;
    font: inherit;
    font-weight: 600;
    color: var(--_accent);
    background: transparent;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  button.primary,
  button[aria-pressed=true] {
    color: var(--_on-accent);
    background: var(--_accent);
  }
  button[aria-disabled=true] {
    color: var(--_accent);
    background: transparent;
    border-style: dashed;
    cursor: progress;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible,
  .summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  h2:focus:not(:focus-visible) {
    outline: none;
  }
  .inline,
  .presets,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: .5rem;
  }
  .inline input {
    flex: 1 1 10rem;
    inline-size: auto;
  }
  .actions {
    justify-content: space-between;
    margin-block-start: var(--_space);
  }
  .summary,
  .notice {
    padding: var(--_space);
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
    margin-block-end: var(--_space);
  }
  .notice {
    border-color: var(--_border);
    border-inline-start: 4px solid var(--_accent);
  }
  .summary a {
    color: var(--_error);
  }
  .total {
    font-size: 1.125em;
    font-weight: 700;
  }
  .review {
    display: grid;
    gap: .25rem;
    margin: 0 0 var(--_space);
  }
  .review div {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space);
    border-block-end: 1px solid var(--_border);
    padding-block: .25rem;
  }
  dd {
    margin: 0;
    text-align: end;
  }
  .payment {
    margin-block: var(--_space);
  }
  .skeleton :is(h2, .card > *) {
    min-block-size: 1lh;
    background: var(--_border);
    opacity: .3;
    border-radius: 4px;
  }
  .skeleton :is(h2, .price, h3) {
    inline-size: 60%;
  }
  .skeleton p:not(.price) {
    min-block-size: 2lh;
  }
  .skeleton .card i {
    min-block-size: 2.75rem;
    margin-block-start: auto;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
