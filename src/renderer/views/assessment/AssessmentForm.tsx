/**
 * The assessment's question: which borough, which crime type, which year against which, its
 * nearest neighbours and the population year. Every choice comes from what the workspace holds.
 */
import type { FactsSpec } from '../../../shared/findings';
import { populationYearOption, type YearBasis } from '../../../shared/populationBasis';
import type { DatasetSummary } from '../../../shared/workspace';
import { plural } from '../../format/numbers';
import type { CategoryChoices } from './choices';

interface Props {
  datasets: DatasetSummary[];
  /** The dataset the borough, crime-type and year lists come from. */
  dataset: DatasetSummary;
  spec: FactsSpec;
  boroughs: string[];
  /** The crime types this dataset holds. */
  categories: CategoryChoices;
  years: number[];
  populationYears: number[];
  /** Whether each population year is an estimate or a projection, to mark projections. */
  populationBases?: YearBasis[];
  onChange(spec: FactsSpec): void;
}

export function AssessmentForm(p: Props) {
  const { spec } = p;
  const set = (change: Partial<FactsSpec>) => p.onChange({ ...spec, ...change });
  const neighbours = spec.neighbours ?? [];
  const compareYears = p.years.filter((y) => y < spec.year);
  const fy = spec.yearKind === 'financial';
  const yearText = (y: number) => (fy ? `${y}/${String((y + 1) % 100).padStart(2, '0')}` : String(y));

  function toggle(name: string, on: boolean) {
    set({ neighbours: on ? [...neighbours, name] : neighbours.filter((n) => n !== name) });
  }

  return (
    <div className="assessment-form">
      <div className="pivot-controls">
        {p.datasets.length > 1 && (
          <label className="field field-wide field-dataset">
            <span>Dataset</span>
            <select value={p.dataset.key} title={p.dataset.name} onChange={(e) => set({ dataset: e.target.value })}>
              {p.datasets.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field field-whole">
          <span>Borough</span>
          <select
            value={spec.area}
            onChange={(e) =>
              set({ area: e.target.value, neighbours: neighbours.filter((n) => n !== e.target.value) })
            }
          >
            {p.boroughs.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-whole">
          <span>Crime type</span>
          <select value={spec.category} title={categoryLabel(p.categories, spec.category)} onChange={(e) => set({ category: e.target.value })}>
            <optgroup label="Major categories">
              {p.categories.majors.map((m) => (
                <option key={`major:${m.value}`} value={m.value}>
                  {m.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Minor categories">
              {p.categories.minors.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="field field-whole">
          <span>Years</span>
          <select
            value={spec.yearKind ?? 'calendar'}
            onChange={(e) => set({ yearKind: e.target.value as 'calendar' | 'financial' })}
          >
            <option value="calendar">Calendar</option>
            <option value="financial">Financial (Apr–Mar)</option>
          </select>
        </label>
        <label className="field field-whole">
          <span>Year</span>
          <select
            value={spec.year}
            onChange={(e) => set({ year: Number(e.target.value), compare: undefined })}
          >
            {p.years.map((y) => (
              <option key={y} value={y}>
                {yearText(y)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-whole">
          <span>Compared with</span>
          <select
            value={spec.compare ?? ''}
            onChange={(e) => set({ compare: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">The year before</option>
            {compareYears.map((y) => (
              <option key={y} value={y}>
                {yearText(y)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-whole">
          <span>Population year</span>
          <select
            value={spec.populationYear ?? ''}
            onChange={(e) => set({ populationYear: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">Each year’s own</option>
            {p.populationYears.map((y) => (
              <option key={y} value={y}>
                {populationYearOption(y, p.populationBases)} for both years
              </option>
            ))}
          </select>
        </label>
      </div>
      <details className="neighbour-pick">
        <summary>
          Nearest neighbours: {neighbours.length ? neighbours.join(', ') : 'none chosen'}{' '}
          <span className="muted">({plural(neighbours.length, 'borough')})</span>
        </summary>
        <fieldset className="checkbox-grid">
          <legend className="visually-hidden">Nearest neighbours</legend>
          {p.boroughs
            .filter((b) => b !== spec.area)
            .map((b) => (
              <label key={b} className="check-option">
                <input
                  type="checkbox"
                  checked={neighbours.includes(b)}
                  onChange={(e) => toggle(b, e.target.checked)}
                />{' '}
                {b}
              </label>
            ))}
        </fieldset>
      </details>
    </div>
  );
}

/** The chosen crime type as its option reads, for the tooltip. */
function categoryLabel(c: CategoryChoices, value: string): string {
  return [...c.majors, ...c.minors].find((o) => o.value === value)?.label ?? value;
}
