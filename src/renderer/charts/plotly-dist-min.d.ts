// plotly.js-dist-min ships no types of its own: it is the full plotly.js bundle, so it takes
// the types of plotly.js (@types/plotly.js).
declare module 'plotly.js-dist-min' {
  import * as Plotly from 'plotly.js';
  export default Plotly;
}
