import { makeIdCard, pinyinFull, pinyinInitials } from '@zx/domain';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { FieldCipher } from '../pii/crypto.ts';
import { idCardColumns, phoneColumns } from '../members/pii.ts';

/**
 * A deterministic synthetic city: the same options and seed give the same rows. Names are
 * invented; ID numbers use the non-existent region prefix 99xxxx so they can never be a real
 * person's, and mobiles sit in one synthetic block.
 */
export interface CityOptions {
  orgs: number;
  members: number;
  seed: number;
  cityName?: string;
}

export interface CitySummary {
  rootId: number;
  districtIds: number[];
  committeeIds: number[];
  branchIds: number[];
  memberIds: { first: number; last: number };
}

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISTRICT_WORDS = [
  '红星',
  '青山',
  '临江',
  '东湖',
  '西岭',
  '南塘',
  '北川',
  '金沙',
  '白鹭',
  '翠屏',
  '云溪',
  '枫林',
  '长乐',
  '安平',
  '永宁',
  '新华',
  '清河',
  '明月',
  '春晖',
  '玉泉',
  '凤鸣',
  '松涛',
  '荷塘',
  '桃源',
  '石桥',
];
const PLACE_WORDS = [
  '和平',
  '幸福',
  '光明',
  '朝阳',
  '建设',
  '胜利',
  '友谊',
  '团结',
  '振兴',
  '繁荣',
  '文昌',
  '育才',
  '启航',
  '星火',
  '晨曦',
  '远航',
  '拓新',
  '先锋',
  '启明',
  '丰收',
];
const GRADES = ['高一', '高二', '高三', '初三'];
const DEPARTMENTS = ['研发部', '生产部', '市场部', '质量部', '综合部', '信息中心'];
const WARDS = ['内科', '外科', '儿科', '急诊科', '护理部', '医技科'];
const VILLAGES = ['东村', '西村', '南湾村', '北岗村', '新桥村', '柳庄村'];
const MAJORS = ['数控', '电商', '护理', '汽修', '会计', '学前教育'];
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Committee kinds and how their branches are named: a school's branches are classes, a firm's departments. */
const COMMITTEE_KINDS: { suffix: string; type: string; branch: (n: number) => string }[] = [
  { suffix: '街道团工委', type: 'working_committee', branch: (n) => `${PLACE_WORDS[n % PLACE_WORDS.length]}社区团支部` },
  { suffix: '镇团委', type: 'basic_committee', branch: (n) => `${VILLAGES[n % VILLAGES.length]}团支部` },
  { suffix: '中学团委', type: 'basic_committee', branch: (n) => `${GRADES[n % GRADES.length]}(${Math.floor(n / GRADES.length) + 1})班团支部` },
  { suffix: '职业学校团委', type: 'basic_committee', branch: (n) => `${2023 + (n % 3)}级${MAJORS[n % MAJORS.length]}(${Math.floor(n / 6) + 1})班团支部` },
  { suffix: '科技有限公司团委', type: 'basic_committee', branch: (n) => `${DEPARTMENTS[n % DEPARTMENTS.length]}团支部` },
  { suffix: '医院团委', type: 'basic_committee', branch: (n) => `${WARDS[n % WARDS.length]}团支部` },
  { suffix: '社区团工委', type: 'working_committee', branch: (n) => `第${CN_NUM[n % 10]}网格团支部` },
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫浩宇轩然涵睿博文欣怡梓萱子豪晨阳思远佳琪雨彤俊熙诗涵一诺若曦嘉怡';
const POSITIONS_BY_RANK = ['secretary', 'deputy_secretary', 'organization_member', 'publicity_member'];

export async function generateCity(
  db: Kysely<DB>,
  dialect: Dialect,
  cipher: FieldCipher,
  opts: CityOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<CitySummary> {
  const rand = rng(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const at = new Date().toISOString();
  const nDistricts = Math.max(10, Math.round(opts.orgs / 1000));
  const nCommittees = Math.max(nDistricts, Math.round(opts.orgs * 0.09));
  const nBranches = Math.max(nCommittees, opts.orgs - 1 - nDistricts - nCommittees);

  type OrgRow = {
    id: number;
    parent_id: number | null;
    path: string;
    depth: number;
    type_code: string;
    name: string;
    code: string;
    founded_on: string;
    responsible_person: string;
  };
  const orgs: OrgRow[] = [];
  const personName = () => pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : '');
  const founded = (minYear: number) => `${minYear + Math.floor(rand() * (2024 - minYear))}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
  let nextId = 1;
  const add = (parent: OrgRow | null, type: string, name: string, code: string) => {
    const id = nextId++;
    const row: OrgRow = {
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      type_code: type,
      name,
      code,
      founded_on: founded(1990),
      responsible_person: personName(),
    };
    orgs.push(row);
    return row;
  };
  const city = add(null, 'city', `${opts.cityName ?? '示范市'}团市委`, 'C');
  const districts = Array.from({ length: nDistricts }, (_, i) => {
    const word = DISTRICT_WORDS[i % DISTRICT_WORDS.length] + (i >= DISTRICT_WORDS.length ? String(Math.floor(i / DISTRICT_WORDS.length) + 1) : '');
    return add(city, 'district', `${word}区团委`, `D${String(i + 1).padStart(2, '0')}`);
  });
  const kindOf = new Map<number, (typeof COMMITTEE_KINDS)[number]>();
  const usedNames = new Map<number, Set<string>>();
  const committees = Array.from({ length: nCommittees }, (_, i) => {
    const d = districts[i % nDistricts];
    const kind = pick(COMMITTEE_KINDS);
    const used = usedNames.get(d.id) ?? new Set<string>();
    usedNames.set(d.id, used);
    let name = `${d.name.replace('区团委', '')}${pick(PLACE_WORDS)}${kind.suffix}`;
    if (used.has(name)) name = name.replace(kind.suffix, `第${Math.floor(i / nDistricts) + 1}${kind.suffix}`);
    used.add(name);
    const c = add(d, kind.type, name, `${d.code}C${String(Math.floor(i / nDistricts) + 1).padStart(3, '0')}`);
    kindOf.set(c.id, kind);
    return c;
  });
  const branches = Array.from({ length: nBranches }, (_, i) => {
    const c = committees[i % nCommittees];
    const n = Math.floor(i / nCommittees);
    // Names repeat once a kind runs out of distinct ones: number the repeats so names stay unique per committee.
    const base = kindOf.get(c.id)!.branch(n);
    const used = usedNames.get(c.id) ?? new Set<string>();
    usedNames.set(c.id, used);
    const name = used.has(base) ? base.replace(/团支部$/, `第${n + 1}团支部`) : base;
    used.add(name);
    return add(c, 'branch', name, `${c.code}B${String(n + 1).padStart(3, '0')}`);
  });

  // Members spread over branches; counts are known up front so roll-ups are written directly.
  const perBranch = new Map<number, number>();
  for (let i = 0; i < opts.members; i++) {
    const b = i < branches.length ? branches[i] : branches[Math.floor(rand() * branches.length)];
    perBranch.set(b.id, (perBranch.get(b.id) ?? 0) + 1);
  }
  const subtree = new Map<number, number>();
  for (const [bid, n] of perBranch) {
    for (const id of orgs[bid - 1].path.split('/').filter(Boolean).map(Number)) subtree.set(id, (subtree.get(id) ?? 0) + n);
  }

  const total = orgs.length + opts.members;
  let done = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < orgs.length; i += 500) {
      await trx
        .insertInto('organization')
        .values(
          orgs.slice(i, i + 500).map((o) => ({
            ...o,
            pinyin_initials: pinyinInitials(o.name),
            pinyin_full: pinyinFull(o.name),
            contact_phone_enc: null,
            contact_phone_masked: null,
            status: 'active' as const,
            merged_into_id: null,
            direct_member_count: perBranch.get(o.id) ?? 0,
            subtree_member_count: subtree.get(o.id) ?? 0,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
      done += Math.min(500, orgs.length - i);
      onProgress?.(done, total);
    }
    if (dialect === 'postgres') await sql`select setval(pg_get_serial_sequence('organization', 'id'), (select max(id) from organization))`.execute(trx);
    // Active organizations per type in every subtree (org_type_count), counted here like the member totals.
    const typeCounts = new Map<string, { org_id: number; type_code: string; count: number }>();
    for (const o of orgs) {
      for (const id of o.path.split('/').filter(Boolean).map(Number)) {
        const key = `${id}|${o.type_code}`;
        const row = typeCounts.get(key) ?? { org_id: id, type_code: o.type_code, count: 0 };
        row.count++;
        typeCounts.set(key, row);
      }
    }
    const rows = [...typeCounts.values()];
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('org_type_count')
        .values(rows.slice(i, i + 500))
        .execute();
  });

  let seq = 0;
  let firstMember = 0,
    lastMember = 0;
  const branchList = [...perBranch.entries()];
  let batch: Parameters<ReturnType<Kysely<DB>['insertInto']>['values']>[0] extends infer _ ? any[] : never = [];
  const flush = async () => {
    if (!batch.length) return;
    const ids = await db.transaction().execute(async (trx) => {
      const out: number[] = [];
      for (let i = 0; i < batch.length; i += 500) {
        const r = await trx
          .insertInto('member')
          .values(batch.slice(i, i + 500))
          .returning('id')
          .execute();
        out.push(...r.map((x) => x.id));
      }
      return out;
    });
    if (!firstMember) firstMember = ids[0];
    lastMember = ids[ids.length - 1];
    done += batch.length;
    batch = [];
    onProgress?.(done, total);
  };
  for (const [branchId, n] of branchList) {
    for (let k = 0; k < n; k++) {
      seq++;
      const year = 1996 + Math.floor(rand() * 14);
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
      const region = `99${String(seq % 10000).padStart(4, '0')}`;
      const idCard = makeIdCard(region, birth, String(Math.floor(seq / 10000) % 1000).padStart(3, '0'));
      const male = Number(idCard[16]) % 2 === 1;
      const phone = `170${String(seq).padStart(8, '0')}`;
      batch.push({
        org_id: branchId,
        name: personName(),
        gender: male ? 'male' : 'female',
        birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
        ...idCardColumns(cipher, idCard),
        ...phoneColumns(cipher, phone),
        joined_on: `${year + 14}-05-04`,
        position: k < POSITIONS_BY_RANK.length && n > 5 ? POSITIONS_BY_RANK[k] : 'none',
        status: 'active',
        note: null,
        created_at: at,
        updated_at: at,
      });
      if (batch.length >= 5000) await flush();
    }
  }
  await flush();
  return {
    rootId: city.id,
    districtIds: districts.map((d) => d.id),
    committeeIds: committees.map((c) => c.id),
    branchIds: branches.map((b) => b.id),
    memberIds: { first: firstMember, last: lastMember },
  };
}
