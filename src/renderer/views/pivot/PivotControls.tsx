/** The pivot's question: which dataset, what down the rows and across the columns, which measure, which months. */
import type { Dimension, Measure, PivotSpec, ShareOf } from '../../../shared/pivot';
import { populationYearOption, type YearBasis } from '../../../shared/populationBasis';
import type { DatasetSummary } from '../../../shared/workspace';
import { DIMENSION_LABELS, MEASURE_LABELS } from '../../charts/labels';
import { monthLabel, monthsBetween } from '../../format/months';
import { dimensionsFor } from './dimensions';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary;
  spec: PivotSpec;
  populationYears: number[];
  /** Whether each population year is an estimate or a projection, to mark projections. */
  populationBases?: YearBasis[];
  onDataset(key: string): void;
  onChange(spec: PivotSpec): void;
}

const MEASURES = Object.keys(MEASURE_LABELS) as Measure[];

export function PivotControls({
  datasets,
  dataset,
  spec,
  populationYears,
  populationBases,
  onDataset,
  onChange,
}: Props) {
  const dims = dimensionsFor(dataset);
  const months =
    dataset.months.first && dataset.months.last
      ? monthsBetween(dataset.months.first, dataset.months.last)
      : [];
  const measure = spec.measure ?? 'count';
  const set = (change: Partial<PivotSpec>) => onChange({ ...spec, ...change });

  function setRows(d: Dimension) {
    set({ rows: [d], columns: spec.columns.filter((c) => c !== d) });
  }
  function setColumns(value: string) {
    set({ columns: value ? [value as Dimension] : [], rows: spec.rows.filter((r) => r !== value) });
  }

  return (
    <div className="pivot-controls">
      {/* Wide enough for the longest dataset's name, and the name whole in a tooltip should a narrow window cut it. */}
      <label className="field field-wide field-dataset">
        <span>Dataset</span>
        <select value={dataset.key} title={dataset.name} onChange={(e) => onDataset(e.target.value)}>
          {datasets.map((d) => (
            <option key={d.key} value={d.key}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-whole">
        <span>Rows</span>
        <select value={spec.rows[0] ?? ''} onChange={(e) => setRows(e.target.value as Dimension)}>
          {dims.map((d) => (
            <option key={d} value={d}>
              {DIMENSION_LABELS[d]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-whole">
        <span>Columns</span>
        <select value={spec.columns[0] ?? ''} onChange={(e) => setColumns(e.target.value)}>
          <option value="">None</option>
          {dims
            .filter((d) => !spec.rows.includes(d))
            .map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
        </select>
      </label>
      {/* As wide as its longest measure: "% change on a year earlier" must not read "% change on a ye". */}
      <label className="field field-measure field-whole">
        <span>Measure</span>
        <select
          value={measure}
          title={MEASURE_LABELS[measure]}
          onChange={(e) => set({ measure: e.target.value as Measure })}
        >
          {MEASURES.map((m) => (
            <option key={m} value={m}>
              {MEASURE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {measure === 'share' && (
        <label className="field field-whole">
          <span>Share of</span>
          <select
            value={spec.shareOf ?? 'total'}
            onChange={(e) => set({ shareOf: e.target.value as ShareOf })}
          >
            <option value="total">The grand total</option>
            <option value="row">Each row’s total</option>
            <option value="column">Each column’s total</option>
          </select>
        </label>
      )}
      {(measure === 'rate' || measure === 'rate-change') && (
        <label className="field field-whole">
          <span>Population year</span>
          <select
            value={spec.populationYear ?? ''}
            onChange={(e) => set({ populationYear: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">Each period’s own year</option>
            {populationYears.map((y) => (
              <option key={y} value={y}>
                {populationYearOption(y, populationBases)} for every period
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field field-month">
        <span>From</span>
        <select
          value={spec.months?.from ?? ''}
          onChange={(e) => set({ months: { ...spec.months, from: e.target.value || undefined } })}
        >
          <option value="">{months[0] ? `${monthLabel(months[0])} (first)` : 'First month'}</option>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-month">
        <span>To</span>
        <select
          value={spec.months?.to ?? ''}
          onChange={(e) => set({ months: { ...spec.months, to: e.target.value || undefined } })}
        >
          <option value="">
            {months.length ? `${monthLabel(months[months.length - 1]!)} (last)` : 'Last month'}
          </option>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
