/**
 * What to do when the assessment's dataset is by borough and a block needs wards: switch the
 * Dataset to a ward-level dataset the workspace already holds, by name, or, only when none
 * is held, import one. Sending the analyst to import a file they have is a dead end.
 */
import type { Findings, WardDatasetChoice } from '../../../shared/findings';

const named = (held: WardDatasetChoice[]) =>
  held.length === 1
    ? `“${held[0]!.name}”, which holds ward figures from ${held[0]!.from} to ${held[0]!.to}`
    : held.map((d) => `“${d.name}” (ward figures from ${d.from} to ${d.to})`).join(' or ');

/**
 * `purpose` opens the sentence ("To rank Harrow’s wards"). `alsoImport` is what a ward view
 * needs besides the figures when they must be imported, such as the ward boundaries for a
 * map (after a switch, the map says itself whether its boundaries are loaded).
 */
export function noWardsAdvice(f: Findings, purpose: string, alsoImport?: string): string {
  const held = f.wardDatasets ?? [];
  const same = held.filter((d) => d.sameCategory);
  if (same.length) return `${purpose}, switch the Dataset to ${named(same)}.`;
  if (held.length)
    return `${purpose}, switch the Dataset to ${named(held)}, and choose the crime type matching ${f.category.label}: ${held.length === 1 ? 'it names' : 'they name'} crime types differently.`;
  return `${purpose}, import the MPS ward-level file covering ${f.years.previous} and ${f.years.current}${alsoImport ? `, and ${alsoImport}` : ''}.`;
}
