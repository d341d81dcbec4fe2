// Latent interpolation strips of the shown checkpoint (FlexAE and λ-IJAE papers): between the codes
// of fixed pairs of held-out images (originals at both ends) and of fixed pairs of prior samples.
// Rendered by the gallery like the other grids; a model without an encoder has only the prior strips.

import {$, el} from './dom.js';
import {showGrid} from './images.js';

const STRIPS = [
  {kind: 'interpolations', id: 'interpolations',
    caption: 'Between encoded held-out images (originals at both ends)'},
  {kind: 'priorInterpolations', id: 'prior-interpolations',
    caption: 'Between prior samples (the first codes of the sample grid)'},
];

function build(card) {
  card.replaceChildren(
    el('div', {class: 'card-head'}, el('h3', {}, 'Latent interpolations'),
      el('span', {class: 'muted'}, 'linear in code space, same pairs at every checkpoint')),
    el('div', {class: 'image-row'}, ...STRIPS.map((strip) => el('figure', {},
      el('figcaption', {}, strip.caption),
      el('img', {id: strip.id, alt: strip.caption, hidden: true}),
      el('div', {id: strip.id + '-status', class: 'image-status'}, 'No checkpoint yet.')))));
}

build($('interpolations-card'));

// checkpoint: the shown one (null when the run has none).
export function renderInterpolations(checkpoint) {
  for (const strip of STRIPS) showGrid($(strip.id), $(strip.id + '-status'), strip.kind, checkpoint);
}
