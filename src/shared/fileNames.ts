/**
 * An export's file name from its title, in the title's own words: "% change on a year earlier
 * in Burglary…" becomes "per-cent-change-on-a-year-earlier-in-burglary-…", never
 * "change-on-a-year-earlier-…", which reads as the change in crimes, another measure.
 */
export function titleFileName(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/%/g, ' per cent ')
      .replace(/(\d),(?=\d{3}\b)/g, '$1') // "1,000 residents": 1000, not "1-000"
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80)
      .replace(/-$/, '') || 'wardlens-chart'
  );
}
