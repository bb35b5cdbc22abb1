/** Exemption from a cadre rating for cadres new in post. */
const addMonths = (iso: string, months: number) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/**
 * A cadre in post for fewer than `months` months on `onDate` is exempt (述职评议: 任职不满 3 个月的不参加).
 * An unknown start (`null`, e.g. rows from before the date was kept) is not exempt.
 */
export function isExemptFromRating(positionSince: string | null, onDate: string, months: number): boolean {
  if (!positionSince || months <= 0) return false;
  return addMonths(positionSince, months) > onDate.slice(0, 10);
}
