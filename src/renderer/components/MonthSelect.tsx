import { monthLabel } from '../format/months';

/** A labelled choice of one of the given months ("Jan 2022"), as the period fields of the forms use. */
export function MonthSelect(props: {
  label: string;
  months: string[];
  value: string;
  onChange: (month: string) => void;
}) {
  return (
    <label className="field field-month">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.months.map((m) => (
          <option key={m} value={m}>
            {monthLabel(m)}
          </option>
        ))}
      </select>
    </label>
  );
}
