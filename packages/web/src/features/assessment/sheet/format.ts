import dayjs from 'dayjs';

/** A signature or verification time, or a dash when there is none. */
export const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
