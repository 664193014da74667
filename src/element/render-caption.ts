import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Photo } from '../contract.js';

/** The caption's text and, when the photo has one to show, its date (`date`, as the frame writes it). */
export function renderCaption(photo: Photo, date: string) {
  // A new <time> for each photo: one that moved along the line, after a longer or
  // shorter caption, would count as a layout shift; a new one does not.
  return html`<span part="caption-text">${photo.caption ?? ''}</span>${date
    ? keyed(photo, html`<time part="date" datetime=${photo.date!}>${date}</time>`)
    : nothing}`;
}
