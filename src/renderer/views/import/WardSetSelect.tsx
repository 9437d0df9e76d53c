/**
 * Which ward boundaries the sheet's names belong to. Many ward names (Belmont, Edgware, …) exist
 * in the 2014, 2018 and 2022 sets with different boundaries: without this the engine lists their
 * rows as unmatched rather than guess, and its result asks for exactly this choice.
 */
export function WardSetSelect({
  sets,
  value,
  onChange,
}: {
  sets: string[];
  value: string | undefined;
  onChange(vintage: string | undefined): void;
}) {
  const newestFirst = [...sets].sort().reverse();
  return (
    <label className="field">
      <span>Ward boundaries</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">Not said (names found in one set only)</option>
        {newestFirst.map((v) => (
          <option key={v} value={v}>
            {v} wards
          </option>
        ))}
      </select>
    </label>
  );
}
