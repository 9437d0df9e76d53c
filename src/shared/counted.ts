/** "1 incident", "1,869 incidents": a count with its noun, singular for one, as UK English writes it. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
