// `npm run analyze`: generates custom-elements.json from the element's JSDoc
// (@fires, @csspart, @cssprop, @slot) and its Lit properties.
export default {
  globs: ['src/element/photo-frame-element.ts', 'src/element/photo-frame.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The analyzer reads `dispatchEvent(new PhotoChangeEvent(photo))` as an
      // event named after the argument; the events are the ones @fires names.
      name: 'only-documented-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
          }
        }
      },
    },
  ],
};
