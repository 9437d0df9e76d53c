// The plotly.js dist bundles ship no types of their own: each is an official partial build of
// plotly.js with fewer trace types, so each takes the types of plotly.js (@types/plotly.js).

/** scatter, bar and pie: every line and bar chart Wardlens draws. */
declare module 'plotly.js-basic-dist-min' {
  import * as Plotly from 'plotly.js';
  export default Plotly;
}

/** choropleth, scattergeo (and scatter): the ward, borough and hotspot maps. */
declare module 'plotly.js-geo-dist-min' {
  import * as Plotly from 'plotly.js';
  export default Plotly;
}
