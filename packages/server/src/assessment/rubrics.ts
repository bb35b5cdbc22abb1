import { rubricMax, validateRubric, type Rubric } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, validationFailed } from '../http/errors.ts';
import { rubricPolicy } from './policy.ts';
import { orgRepository } from '../orgs/repository.ts';
import { toRubric, rubricRepository, type RubricRow } from './repository.ts';

function present(r: RubricRow) {
  return {
    id: r.id,
    key: r.key,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    builtin: r.builtin === 1,
    updatedAt: r.updated_at,
    maxPoints: rubricMax(r.definition),
    definition: r.definition,
  };
}

/** The rubric a campaign scores against (its template's rubricKey), falling back to the built-in one. */
export async function rubricByKey(ex: Executor, key: string): Promise<Rubric> {
  return rubricRepository.definitionByKey(ex, key);
}

/** Rubrics are shared by the whole deployment, like templates: only the top of the tree edits them (policy.ts). */
function assertEditor(actor: Actor) {
  if (!rubricPolicy.edit(actor)) throw forbidden();
}

/** Rubrics are read by whoever reads self-assessments, and by their editors. */
function assertReader(actor: Actor) {
  if (!rubricPolicy.read(actor)) throw forbidden();
}

async function checked(ex: Executor, r: Rubric) {
  const types = (await orgRepository.types(ex)).map((t) => t.code);
  const errors = validateRubric(r, types);
  if (errors.length) throw validationFailed(errors);
}

export const rubricService = {
  async list(ctx: AppContext, actor: Actor) {
    assertReader(actor);
    const rows = await rubricRepository.all(ctx.db);
    return rows.map(present);
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    assertReader(actor);
    return present(toRubric(await requireAccess(ctx.db, actor, null, 'rubric', id)));
  },

  /** Saves a rubric. Self-assessments already started keep the snapshot they began with. */
  async update(ctx: AppContext, actor: Actor, id: number, input: Omit<Rubric, 'key'>) {
    assertEditor(actor);
    await ctx.db.transaction().execute(async (trx) => {
      const row = toRubric(await requireAccess(trx, actor, 'rubric.write', 'rubric', id));
      const next: Rubric = { ...input, key: row.key };
      await checked(trx, next);
      await rubricRepository.update(trx, id, {
        name_zh: next.nameZh.trim(),
        name_en: next.nameEn.trim(),
        definition: next,
        updated_at: nowIso(),
        updated_by: actor.userId,
      });
      const before = row.definition;
      await audit(trx, actor, {
        action: 'rubric.update',
        targetType: 'rubric',
        targetId: id,
        summary: {
          key: row.key,
          before: {
            max: rubricMax(before),
            items: before.dimensions.flatMap((d) => d.items).length,
            vetoes: before.vetoes.length,
            bands: before.settings.bands,
          },
          after: {
            max: rubricMax(next),
            items: next.dimensions.flatMap((d) => d.items).length,
            vetoes: next.vetoes.length,
            bands: next.settings.bands,
            caps: next.settings.caps,
          },
        },
      });
    });
    return rubricService.get(ctx, actor, id);
  },

  /** A new rubric (usually a copy of another one under a new key) that templates may reference. */
  async create(ctx: AppContext, actor: Actor, input: Rubric) {
    assertEditor(actor);
    const id = await ctx.db.transaction().execute(async (trx) => {
      await checked(trx, input);
      if (!/^[a-z0-9][a-z0-9-]{1,59}$/.test(input.key)) {
        throw validationFailed([
          {
            field: 'key',
            code: 'RUBRIC_KEY_FORMAT',
            message: { zh: '编码只能包含小写字母、数字和连字符（2–60 位）', en: 'Keys hold 2–60 lowercase letters, digits and hyphens' },
          },
        ]);
      }
      if (await rubricRepository.keyTaken(trx, input.key)) {
        throw conflict('RUBRIC_KEY_TAKEN', '该编码已被其他考评标准使用', 'Another rubric has this key', [
          { field: 'key', code: 'RUBRIC_KEY_TAKEN', message: { zh: '该编码已被其他考评标准使用', en: 'Another rubric has this key' } },
        ]);
      }
      const at = nowIso();
      const { id } = await rubricRepository.insert(trx, {
        key: input.key,
        name_zh: input.nameZh.trim(),
        name_en: input.nameEn.trim(),
        definition: input,
        builtin: 0,
        created_at: at,
        updated_at: at,
        updated_by: actor.userId,
      });
      await audit(trx, actor, { action: 'rubric.create', targetType: 'rubric', targetId: id, summary: { key: input.key, max: rubricMax(input) } });
      return id;
    });
    return rubricService.get(ctx, actor, id);
  },
};
