import { describe, expect, it } from 'vitest';
import { canBeDemoSite, decidesAbove, exemplarCanTransition, exemplarLevel, validateExemplarDecision, validateExemplarNomination } from './exemplar.ts';

const codes = (e: { field: string; code: string }[]) => e.map((x) => `${x.field}:${x.code}`);

describe('nominations', () => {
  const unit = { kind: 'unit' as const, nomineeOrgId: 7, title: '青春建功示范团支部', materials: '该支部……', photoIds: [1, 2] };
  it('accepts a unit or a person with a title and materials', () => {
    expect(validateExemplarNomination(unit)).toEqual([]);
    expect(validateExemplarNomination({ ...unit, kind: 'person', nomineeOrgId: null, nomineeMemberId: 3 })).toEqual([]);
  });
  it('needs the nominee of its kind, a title, materials, and at most 20 photos', () => {
    expect(codes(validateExemplarNomination({ ...unit, kind: 'person', title: ' ', materials: '' }))).toEqual([
      'nomineeMemberId:NOMINEE_REQUIRED',
      'title:TITLE_REQUIRED',
      'materials:MATERIALS_REQUIRED',
    ]);
    expect(
      codes(validateExemplarNomination({ ...unit, nomineeOrgId: null, title: '题'.repeat(61), photoIds: Array.from({ length: 21 }, (_, i) => i) })),
    ).toEqual(['nomineeOrgId:NOMINEE_REQUIRED', 'title:TITLE_TOO_LONG', 'photoIds:TOO_MANY_PHOTOS']);
  });
});

describe('selection', () => {
  it('is decided only by an organization strictly above the nominee', () => {
    expect(decidesAbove('/1/2/', '/1/2/3/')).toBe(true);
    expect(decidesAbove('/1/', '/1/2/3/')).toBe(true);
    expect(decidesAbove('/1/2/3/', '/1/2/3/')).toBe(false);
    expect(decidesAbove('/1/4/', '/1/2/3/')).toBe(false);
    expect(decidesAbove('/1/2/3/', '/1/2/')).toBe(false);
  });
  it('dates the decision between the nomination and today and needs the committee note', () => {
    const ctx = { today: '2026-06-10', nominatedOn: '2026-06-01', requireNote: true };
    expect(validateExemplarDecision({ decidedOn: '2026-06-05', note: '经团区委常委会研究决定' }, ctx)).toEqual([]);
    expect(codes(validateExemplarDecision({ decidedOn: '2026-06-11', note: '' }, ctx))).toEqual([
      'decidedOn:DECISION_IN_FUTURE',
      'note:DECISION_NOTE_REQUIRED',
    ]);
    expect(codes(validateExemplarDecision({ decidedOn: '2026-05-31', note: 'x' }, ctx))).toEqual(['decidedOn:DECISION_BEFORE_NOMINATION']);
    expect(validateExemplarDecision({ decidedOn: '2026-06-05', note: '' }, { ...ctx, requireNote: false })).toEqual([]);
  });
  it('decides a pending nomination once', () => {
    expect(exemplarCanTransition('nominated', 'selected')).toBe(true);
    expect(exemplarCanTransition('nominated', 'withdrawn')).toBe(true);
    expect(exemplarCanTransition('selected', 'not_selected')).toBe(false);
    expect(exemplarCanTransition('withdrawn', 'selected')).toBe(false);
  });
  it('names the level after the selecting organization', () => {
    expect(exemplarLevel('city').nameZh).toBe('市级');
    expect(exemplarLevel('district').nameZh).toBe('区县级');
    expect(exemplarLevel('unknown').nameZh).toBe('基层');
  });
  it('makes only a selected unit a demonstration site', () => {
    expect(canBeDemoSite({ kind: 'unit', status: 'selected' })).toBe(true);
    expect(canBeDemoSite({ kind: 'person', status: 'selected' })).toBe(false);
    expect(canBeDemoSite({ kind: 'unit', status: 'nominated' })).toBe(false);
  });
});
