import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { DEFAULT_SECURITY_SETTINGS, SECURITY_SETTINGS_KEY, securitySettingsSchema, type SecuritySettings } from './settings.ts';

/**
 * The `setting` table: one JSON document per key (security, evaluation, honours, commitment rules).
 * Each area owns its schema and defaults; here the document is read (parsed) and written (serialized).
 */
export const settingsRepository = {
  /** The stored document of `key`, parsed (undefined: never saved). The area checks it against its schema. */
  async read(ex: Executor, key: string): Promise<unknown> {
    const text = await settingsRepository.text(ex, key);
    return text === undefined ? undefined : JSON.parse(text);
  },

  /** The stored JSON text of `key` (undefined: never saved). */
  async text(ex: Executor, key: string): Promise<string | undefined> {
    const row = await ex.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  },

  /** Stores `value` as the document of `key`. */
  async write(ex: Executor, key: string, value: unknown, userId: number): Promise<void> {
    const json = JSON.stringify(value);
    const at = nowIso();
    await ex
      .insertInto('setting')
      .values({ key, value: json, updated_at: at, updated_by: userId })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at, updated_by: userId }))
      .execute();
  },

  /** The security settings: the stored values over the defaults. */
  async security(ex: Executor): Promise<SecuritySettings> {
    return securitySettingsFrom(await settingsRepository.text(ex, SECURITY_SETTINGS_KEY));
  },
};

const storedSettingsSchema = securitySettingsSchema.partial();
/** Every request reads the settings (session timeouts); the stored text rarely changes, so its parse is kept. */
let lastParsed: { text: string; value: SecuritySettings } | null = null;

/** The security settings from their stored JSON text (null = never saved: the defaults), e.g. as read with a session. */
export function securitySettingsFrom(text: string | null | undefined): SecuritySettings {
  if (text == null) return DEFAULT_SECURITY_SETTINGS;
  if (lastParsed?.text !== text) {
    lastParsed = { text, value: { ...DEFAULT_SECURITY_SETTINGS, ...storedSettingsSchema.parse(JSON.parse(text)) } };
  }
  return lastParsed.value;
}
