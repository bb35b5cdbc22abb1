import { settingsRepository } from './repository.ts';

/**
 * The setting documents as text, for the areas that still parse their own (evaluation, honours,
 * commitment rules). New code reads with settingsRepository.read, which parses.
 */
export const readSetting = settingsRepository.text;

export const writeSetting = settingsRepository.write;
