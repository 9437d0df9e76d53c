/** "1 incident", "1,869 incidents": a count with its noun, singular for one, as UK English writes it. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** "Harrow", "Harrow and Brent", "Harrow, Brent and Barnet": a list as UK English writes it. */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
