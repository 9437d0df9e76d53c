/** "Took under a second.", "Took 1.8 seconds.": never "Took 0 seconds". */
export function tookText(seconds: number): string {
  if (seconds < 1) return 'Took under a second.';
  return `Took ${seconds.toLocaleString('en-GB', { maximumFractionDigits: 1 })} seconds.`;
}
