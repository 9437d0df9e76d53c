/**
 * A boundary file's card: what it is, and the choices the engine would otherwise make from the
 * file itself. The level (ward, borough or LSOA) follows from the ONS codes (E05… wards, E09…
 * boroughs, E01… LSOAs) in the property that holds one code per feature; the ward set's year
 * from which set holds all the codes. The analyst names either only when the engine cannot
 * tell, and its refusal points at the field to fill.
 */
import { useWorkbench } from '../../api/context';
import { KIND_LABELS, WARD_VINTAGES, type BoundaryChoice } from './boundary';

interface Props {
  choice: BoundaryChoice;
  busy: boolean;
  onChange(choice: BoundaryChoice): void;
}

export function BoundaryFields({ choice, busy, onChange }: Props) {
  const { client } = useWorkbench();
  const set = (change: Partial<BoundaryChoice>) => onChange({ ...choice, ...change });
  return (
    <fieldset className="mapping boundary-fields" disabled={busy}>
      <legend>{KIND_LABELS[choice.kind]}</legend>
      <p className="hint">
        Imported as area boundaries for the Map and Hotspots views. The level is found from the ONS codes in
        the file (E05… wards, E09… boroughs, E01… LSOAs), and a ward file’s year from which ward set holds all
        its codes. Codes that match no area are listed afterwards, never guessed.
      </p>
      {choice.kind === 'shapefile' && client.mode === 'browser' && (
        <p className="hint">
          In the browser, a shapefile’s .dbf and .prj cannot travel with it: zip the .shp, .dbf and .prj
          together and drop the zip instead.
        </p>
      )}
      <div className="field-row">
        <label className={`field${choice.asked === 'vintage' ? ' field-asked' : ''}`}>
          <span>Ward set (year)</span>
          <select value={choice.vintage} onChange={(e) => set({ vintage: e.target.value, asked: null })}>
            <option value="">Find from the codes</option>
            {WARD_VINTAGES.map((v) => (
              <option key={v} value={v}>
                {v} wards
              </option>
            ))}
          </select>
        </label>
        <label className={`field${choice.asked === 'code-property' ? ' field-asked' : ''}`}>
          <span>Property holding the code</span>
          <input
            type="text"
            value={choice.codeProperty}
            placeholder="Found from the values"
            onChange={(e) => set({ codeProperty: e.target.value, asked: null })}
          />
        </label>
      </div>
      {choice.vintage !== '' && (
        <label className="check-field">
          <input
            type="checkbox"
            checked={choice.addAreas}
            onChange={(e) => set({ addAreas: e.target.checked })}
          />
          Add the wards this workspace does not know (an older ward set, such as 2011)
        </label>
      )}
      {choice.asked === 'vintage' && (
        <p className="check check-bad">Choose the ward set’s year above, then import the file again.</p>
      )}
      {choice.asked === 'code-property' && (
        <p className="check check-bad">
          Type the name of the property that holds each feature’s ONS code (the error lists them), then import
          again.
        </p>
      )}
    </fieldset>
  );
}
