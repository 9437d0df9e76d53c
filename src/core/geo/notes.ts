/** Plain-words caveats the map and hotspot views show beside point-based figures. */

export const SNAP_POINT_NOTE =
  'police.uk locations are approximate: to protect victims, each crime is moved to the nearest of a fixed set of ' +
  'anonymised “snap points” (the centre of a street, a public place or a commercial premises, each covering at least ' +
  'eight postal addresses or none). Many crimes share one point, so a hotspot can sit on a snap point rather than ' +
  'where the crimes happened, and a crime near a ward boundary can be counted in the neighbouring ward.';

export const EDGE_RULE_NOTE =
  'A point lying exactly on a boundary shared by two areas is given to the one with the lower ONS code, so the same data always assigns the same way.';
