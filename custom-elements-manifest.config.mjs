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
    {
      // Lit's `state: true` implies `attribute: false`, which the analyzer does not know:
      // the element's private state (`_photo`, …) is no attribute.
      name: 'no-attributes-for-private-state',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            const state = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
            for (const member of declaration.members ?? []) if (state.has(member.name)) delete member.attribute;
            if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !state.has(a.fieldName));
          }
        }
      },
    },
  ],
};
