/**
 * The mapping step for a spreadsheet no recogniser knows: which sheet and header row, which
 * column is the area, the month, the category and the count (or that months run across the
 * columns). Only the header row is guessed (the first row of labels above rows of figures);
 * the analyst says the rest, the engine checks, and the mapping can be saved by name for next
 * month's file.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { counted, listed } from '../../../shared/counted';
import type { ColumnMapping } from '../../../shared/importing';
import type { ErrorDetails } from '../../../shared/errors';
import type { AreaCheck } from '../../../shared/preview';
import { asApiError } from '../../api/errors';
import { useWorkbench } from '../../api/context';
import { columnChoices, refFromValue, refValue, type ColumnChoice } from './columns';
import { mappingComplete, type PendingFile } from './pending';
import { BoroughChoice } from './BoroughChoice';
import { WardSetSelect } from './WardSetSelect';

interface Props {
  file: PendingFile;
  onMapping(m: ColumnMapping): void;
  onSheet(sheet: string): void;
  onDatasetName(name: string): void;
}

type Saved = { name: string; mapping: ColumnMapping };

export function MappingForm({ file, onMapping, onSheet, onDatasetName }: Props) {
  const { client, info } = useWorkbench();
  const id = useId();
  const preview = file.preview!;
  const m: ColumnMapping = file.mapping ?? { area: '', headerRow: preview.headerRow, areaLevel: 'ward' };
  const headerRow = m.headerRow ?? 1;
  const choices = columnChoices(preview, headerRow);
  const [saved, setSaved] = useState<Saved[]>([]);
  const [saveName, setSaveName] = useState('');
  const [saveState, setSaveState] = useState<string | null>(null);
  const fixedCategory = m.categoryValue !== undefined;

  useEffect(() => {
    client.invoke('mappings/list', {}).then(setSaved, () => setSaved([]));
  }, [client]);

  // The header row follows each sheet's guess (a new preview: another sheet) until the analyst
  // types a row or picks a saved mapping, which say where the header is.
  const headerGuessed = useRef(file.mapping?.headerRow === undefined || file.mapping.headerRow === preview.headerRow);
  useEffect(() => {
    if (headerGuessed.current && file.mapping && file.mapping.headerRow !== preview.headerRow) {
      onMapping({ ...file.mapping, headerRow: preview.headerRow });
    }
    // Only a new preview brings a new guess; the mapping's other changes must not re-apply it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview]);

  const set = (change: Partial<ColumnMapping>) => onMapping({ ...m, ...change });

  async function save() {
    const name = saveName.trim();
    if (!name) return;
    try {
      await client.invoke('mappings/save', { name, mapping: m });
      setSaved(await client.invoke('mappings/list', {}));
      setSaveState(`Saved as “${name}”.`);
    } catch (err) {
      setSaveState(asApiError(err).message);
    }
  }

  const column = (
    label: string,
    key: 'area' | 'month' | 'count' | 'category' | 'major',
    optional = false,
  ) => (
    <label className="field">
      <span>{label}</span>
      <ColumnSelect
        choices={choices}
        value={m[key]}
        optional={optional}
        onChange={(ref) => set({ [key]: ref ?? (optional ? undefined : '') })}
      />
    </label>
  );

  return (
    <fieldset className="mapping">
      <legend>Map the columns</legend>
      <p className="hint">
        Wardlens does not recognise this layout. Say which column holds what; the check below updates as you
        go.
      </p>
      <div className="field-row">
        {saved.length > 0 && (
          <label className="field">
            <span>Use a saved mapping</span>
            <select
              value=""
              onChange={(e) => {
                const hit = saved.find((s) => s.name === e.target.value);
                if (!hit) return;
                // The saved mapping may name another sheet: show that sheet's rows, so its columns can be picked.
                headerGuessed.current = false;
                if (hit.mapping.sheet && hit.mapping.sheet !== preview.sheet) onSheet(hit.mapping.sheet);
                onMapping(hit.mapping);
              }}
            >
              <option value="">Choose…</option>
              {saved.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {preview.sheets.length > 1 && (
          <label className="field">
            <span>Sheet</span>
            <select
              value={m.sheet ?? preview.sheet ?? ''}
              onChange={(e) => {
                onSheet(e.target.value);
                set({ sheet: e.target.value });
              }}
            >
              {preview.sheets.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
        <label className="field field-narrow">
          <span>Header row</span>
          <input
            type="number"
            min={1}
            max={30}
            value={headerRow}
            onChange={(e) => {
              headerGuessed.current = false;
              set({ headerRow: Math.max(1, Number(e.target.value) || 1) });
            }}
          />
        </label>
      </div>

      <div className="field-row">
        {column('Area column', 'area')}
        <div className="field" role="radiogroup" aria-labelledby={`${id}-level`}>
          <span id={`${id}-level`}>The areas are</span>
          <div className="radios">
            {(['ward', 'borough'] as const).map((level) => (
              <label key={level}>
                <input
                  type="radio"
                  name={`${id}-level`}
                  checked={(m.areaLevel ?? 'ward') === level}
                  onChange={() =>
                    set(
                      level === 'ward'
                        ? { areaLevel: level }
                        : {
                            areaLevel: level,
                            vintage: undefined,
                            borough: undefined,
                            boroughValue: undefined,
                          },
                    )
                  }
                />{' '}
                {level === 'ward' ? 'Wards' : 'Boroughs'}
              </label>
            ))}
          </div>
        </div>
        {(m.areaLevel ?? 'ward') === 'ward' && (
          <WardSetSelect
            sets={info?.areas.wardVintages ?? []}
            value={m.vintage}
            onChange={(vintage) => set({ vintage })}
          />
        )}
        {(m.areaLevel ?? 'ward') === 'ward' && <BoroughChoice choices={choices} mapping={m} onChange={set} />}
      </div>

      <div className="field" role="radiogroup" aria-labelledby={`${id}-months`}>
        <span id={`${id}-months`}>Months</span>
        <div className="radios">
          <label>
            <input
              type="radio"
              name={`${id}-months`}
              checked={!m.monthsAcrossColumns}
              onChange={() => set({ monthsAcrossColumns: false })}
            />{' '}
            One column holds the month, another the count
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-months`}
              checked={Boolean(m.monthsAcrossColumns)}
              onChange={() => set({ monthsAcrossColumns: true, month: undefined, count: undefined })}
            />{' '}
            Months run across the columns
          </label>
        </div>
      </div>
      {!m.monthsAcrossColumns && (
        <div className="field-row">
          {column('Month column', 'month')}
          {column('Count column', 'count')}
        </div>
      )}

      <div className="field" role="radiogroup" aria-labelledby={`${id}-cat`}>
        <span id={`${id}-cat`}>Category</span>
        <div className="radios">
          <label>
            <input
              type="radio"
              name={`${id}-cat`}
              checked={!fixedCategory}
              onChange={() => set({ categoryValue: undefined })}
            />{' '}
            From a column
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-cat`}
              checked={fixedCategory}
              onChange={() => set({ categoryValue: '', category: undefined })}
            />{' '}
            The same for every row
          </label>
        </div>
      </div>
      <div className="field-row">
        {fixedCategory ? (
          <label className="field">
            <span>Category for every row</span>
            <input
              type="text"
              value={m.categoryValue ?? ''}
              placeholder="e.g. Burglary - Residential"
              onChange={(e) => set({ categoryValue: e.target.value })}
            />
          </label>
        ) : (
          column('Category column', 'category')
        )}
        {column('Major category column (optional)', 'major', true)}
      </div>

      <label className="field">
        <span>Import into the dataset named</span>
        <input type="text" value={file.datasetName} onChange={(e) => onDatasetName(e.target.value)} />
      </label>

      <MappingCheck file={file} complete={mappingComplete(file.mapping)} />

      <div className="field-row save-mapping">
        <label className="field">
          <span>Save this mapping as</span>
          <input
            type="text"
            value={saveName}
            placeholder="e.g. Partner ASB sheet"
            onChange={(e) => setSaveName(e.target.value)}
          />
        </label>
        <button
          type="button"
          onClick={() => void save()}
          disabled={!saveName.trim() || !mappingComplete(file.mapping)}
        >
          Save mapping
        </button>
        {saveState && (
          <span className="save-state" role="status">
            {saveState}
          </span>
        )}
      </div>
    </fieldset>
  );
}

function ColumnSelect({
  choices,
  value,
  optional,
  onChange,
}: {
  choices: ColumnChoice[];
  value: string | number | undefined;
  optional: boolean;
  onChange(ref: string | number | undefined): void;
}) {
  const current = value === '' ? '' : refValue(value);
  return (
    <select value={current} onChange={(e) => onChange(refFromValue(e.target.value))}>
      <option value="">{optional ? 'None' : 'Choose a column…'}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

function MappingCheck({ file, complete }: { file: PendingFile; complete: boolean }) {
  if (!complete)
    return (
      <p className="check check-pending">
        Choose the area column, the months and the category to check the mapping.
      </p>
    );
  if (!file.mapped) return <p className="check check-pending">Checking the mapping…</p>;
  const areas = file.mapped.areas;
  const refused = areas ? refusedLines(areas) : [];
  if (file.mapped.problem) {
    // Several bad cells come a line each under the first line; one problem is one line.
    const [first, ...cells] = file.mapped.problem.split('\n');
    const at = file.mapped.problemAt;
    // Nothing has been imported yet: the check says what the import would do.
    const headline =
      cells.length > 0 && at?.cells
        ? `${file.name}: ${counted(at.cells.length + (at.moreCells ?? 0), 'cell')} cannot be read, so the import would refuse the file:`
        : first;
    return (
      <div className="mapping-check" role="alert">
        <p className="check check-bad">
          ✗ {headline}
          {file.mapped.problemAt && cells.length === 0 && (
            <span className="check-fix"> What to do: {whatToDo(file.mapped.problemAt)}</span>
          )}
        </p>
        {cells.length > 0 && (
          <>
            <ul className="check-warn">
              {cells.map((c) => (
                <li key={c}>{c.trim()}</li>
              ))}
            </ul>
            <p className="check-fix">
              What to do: correct these cells in the spreadsheet, save it, and check the mapping again.
            </p>
          </>
        )}
      </div>
    );
  }
  const into = `It will be imported into “${file.datasetName}”.`;
  if (!areas || refused.length === 0) {
    return (
      <div className="mapping-check">
        <p className="check check-good">
          ✓ The mapping reads this file{areas ? `: ${recognised(areas)}` : '.'} {into}
        </p>
      </div>
    );
  }
  // Some rows would be refused: the first line says so, so it never reads as a plain ✓.
  return (
    <div className="mapping-check">
      <p className="check check-good">✓ The mapping reads this file, but {notStored(areas)} would not be stored:</p>
      <ul className="check check-warn" aria-label="Rows the import would not store">
        {refused.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="check check-pending check-rest">
        {recognised(areas)} {into}
      </p>
    </div>
  );
}

/** The import's advice for a cell it would refuse, as its error notice gives it (components/ErrorNotice.tsx). */
function whatToDo(at: ErrorDetails): string {
  return at.expected
    ? `Put ${at.expected} there, then import the file again.`
    : 'Correct the cell in the spreadsheet, save it, and check the mapping again.';
}

/** "4 of its 6 rows" (totals rows, skipped anyway, left out). */
function notStored(a: AreaCheck): string {
  const named = a.rows - a.totalsRows;
  return `${(named - a.rowsStored).toLocaleString('en-GB')} of its ${counted(named, 'row')}`;
}

/** "22 wards recognised, every row’s name matched." or "20 wards recognised, in 20 of its 23 rows." */
function recognised(a: AreaCheck): string {
  const found = `${counted(a.areas, a.level)} recognised`;
  const totals = a.totalsRows ? ` ${counted(a.totalsRows, 'totals row')} will be skipped.` : '';
  const named = a.rows - a.totalsRows;
  if (a.rowsStored === named) return `${found}, every row’s name matched.${totals}`;
  return `${found}, in ${a.rowsStored.toLocaleString('en-GB')} of its ${counted(named, 'row')}.${totals}`;
}

/**
 * The rows the import would refuse, a line for each reason, with the names (a few of them)
 * and the choice in this form that settles an ambiguous name. The same resolution as the
 * import's (core/importers/formats/mapped.ts), so its result will say the same.
 */
function refusedLines(a: AreaCheck): string[] {
  const lines: string[] = [];
  const named = a.unmatched.filter((u) => u.name !== '');
  const blank = a.unmatched.find((u) => u.name === '');
  if (named.length) {
    const noun = named.every((u) => ONS_CODE.test(u.name.trim())) ? 'code' : 'name';
    lines.push(
      `${counted(named.length, noun)} ${named.length === 1 ? 'matches' : 'match'} no ${a.level} in ${lookedIn(a)} — ${someOf(named.map((u) => u.name))} — ${theirRows(named)} would not be stored.`,
    );
  }
  if (a.inSeveralWardSets.length) {
    const sets = [...new Set(a.inSeveralWardSets.flatMap((u) => u.sets))].sort();
    const n = a.inSeveralWardSets.length;
    lines.push(
      `${counted(n, 'ward name')} ${n === 1 ? 'is' : 'are'} in more than one set of ward boundaries (${orList(sets)}) — ${someOf(a.inSeveralWardSets.map((u) => u.name))} — ${theirRows(a.inSeveralWardSets)} would not be stored: choose the Ward boundaries above.`,
    );
  }
  if (a.inSeveralBoroughs.length) {
    const n = a.inSeveralBoroughs.length;
    const which = a.inSeveralBoroughs.map((u) => `${u.name} (${orList(u.boroughs)})`);
    lines.push(
      `${counted(n, 'ward name')} ${n === 1 ? 'belongs' : 'belong'} to wards in more than one borough — ${someOf(which)} — ${theirRows(a.inSeveralBoroughs)} would not be stored: say the Borough above.`,
    );
  }
  if (blank) lines.push(`${counted(blank.rows, 'row')} ${blank.rows === 1 ? 'has' : 'have'} no area name and would not be stored.`);
  return lines;
}

const ONS_CODE = /^[EWSN]\d{8}$/i;
const SHOWN = 6;

function lookedIn(a: AreaCheck): string {
  if (a.level === 'borough') return 'London';
  return a.vintage ? `the ${a.vintage} wards` : 'the workspace’s wards';
}

/** "its row", "its 4 rows", "their 7 rows". */
function theirRows(names: { rows: number }[]): string {
  const rows = names.reduce((t, u) => t + u.rows, 0);
  const whose = names.length === 1 ? 'its' : 'their';
  return rows === 1 ? `${whose} row` : `${whose} ${counted(rows, 'row')}`;
}

/** A few names and how many more: a London-wide sheet can refuse hundreds. */
function someOf(names: string[]): string {
  return names.length > SHOWN ? `${names.slice(0, SHOWN).join(', ')} and ${names.length - SHOWN} more` : listed(names);
}

/** "2018 or 2022", "Harrow or Sutton". */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
