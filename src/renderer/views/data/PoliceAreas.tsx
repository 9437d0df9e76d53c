/**
 * The names the police file crimes under that are not boroughs ("Unknown", the airports,
 * "Aviation Security (SO18)"): counted apart, so the Boroughs figure counts boroughs only.
 */
import { formatCount } from '../../format/numbers';

export function PoliceAreas({ names }: { names: string[] }) {
  return (
    <div className="police-areas">
      <dt>Police areas</dt>
      <dd>
        {formatCount(names.length)}
        <span className="muted"> (not boroughs: {names.map((n) => `“${n}”`).join(', ')})</span>
      </dd>
    </div>
  );
}
