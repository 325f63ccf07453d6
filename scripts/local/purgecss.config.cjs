// The CSS purge: of the pinned KERN UX stylesheet (@kern-ux/native), keep
// only the rules whose classes, elements and attributes the page templates
// and the Go code that fills them use. Run by scripts/purge-css, checked by
// `make lint` (the committed file must be what this produces).
const web = __dirname + "/../../shared/web";
module.exports = {
  css: [__dirname + "/node_modules/@kern-ux/native/dist/kern.min.css"],
  content: [web + "/templates/*.html", web + "/pages/*.go", web + "/*.go", __dirname + "/../../shared/web/console/templates/*.html", __dirname + "/../../shared/web/console/*.go"],
  // The theme's custom properties and its @font-face rules stay: they are
  // referenced through var() and font-family, which PurgeCSS does not trace.
  variables: false,
  fontFace: false,
  keyframes: false,
};
