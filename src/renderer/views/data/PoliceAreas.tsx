/**
 * The names the police file crimes under that are not boroughs, counted apart so the Boroughs
 * figure counts boroughs only: the police's own areas (the airports, "Aviation Security (SO18)")
 * and "Unknown", the MPS's label for crimes with no borough recorded, which is no area at all.
 */
import { formatCount } from '../../format/numbers';
import { notBoroughsText } from '../../../shared/notBoroughs';

export function PoliceAreas({ names }: { names: string[] }) {
  return (
    <div className="police-areas">
      <dt>Not boroughs</dt>
      <dd>
        {formatCount(names.length)}
        <span className="muted"> ({notBoroughsText(names)})</span>
      </dd>
    </div>
  );
}
