/** A labelled progress bar; indeterminate while the size is not known. */
export function ProgressBar({ label, percent }: { label: string; percent: number | null }) {
  return (
    <div className="progress">
      <div className="progress-label" id="progress-label" aria-live="polite">
        {label}
      </div>
      <progress aria-labelledby="progress-label" max={100} value={percent ?? undefined}>
        {percent === null ? '' : `${Math.round(percent)}%`}
      </progress>
    </div>
  );
}
