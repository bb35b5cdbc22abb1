const pad = (n: number) => String(n).padStart(2, '0');
/** A stored UTC time on the reader's clock, e.g. 2026-11-26 07:12. */
export const fmtTime = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Years a cadre works with: the last (its report), this one, the next (commitments made in December). */
export const yearChoices = (today = new Date()) => {
  const y = today.getFullYear();
  return [y - 1, y, y + 1];
};
