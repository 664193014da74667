// `npm run analyze`: generates custom-elements.json from the element's JSDoc
// (@fires, @csspart, @cssprop, @slot) and its Lit properties.
export default {
  globs: ['src/element/photo-frame-element.ts', 'src/element/photo-frame.ts'],
  outdir: '.',
  litelement: true,
};
