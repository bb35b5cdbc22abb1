import { useEffect, useState } from 'react';
import { Checkbox, Col, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_STATUS_LIST, POSITION_LIST, useLabels } from '../../app/labels.ts';
import { useCan, useSession } from '../../app/session.ts';
import { useOrgDetail } from '../orgs/api.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import type { RosterQuery } from './api.ts';

export function RosterFilters({ query, update }: { query: RosterQuery; update: (p: Partial<RosterQuery>) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useSession();
  // Finding someone by a full ID or mobile number confirms it: only with the reveal permission.
  const canReveal = useCan()('member.reveal');
  const [q, setQ] = useState(query.q);
  useEffect(() => setQ(query.q), [query.q]);
  const { data: org } = useOrgDetail(query.orgId !== me.grant.orgId ? query.orgId : null);
  const initial = query.orgId === me.grant.orgId ? { id: me.grant.orgId, name: me.grant.orgName } : org ? { id: org.id, name: org.name } : null;

  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }} align="middle" className="zx-filters">
      <Col xs={24} md={12} xl={6}>
        <OrgSelect
          key={initial?.id ?? 'none'}
          value={query.orgId}
          initial={initial}
          onChange={(id) => update({ orgId: id ?? me.grant.orgId })}
          testId="roster-org"
        />
      </Col>
      <Col xs={24} md={12} xl={3}>
        <Checkbox checked={query.subtree} onChange={(e) => update({ subtree: e.target.checked })} data-testid="roster-subtree">
          {t('member.includeSubtree')}
        </Checkbox>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })}
          placeholder={t(canReveal ? 'member.keywordPlaceholder' : 'member.keywordNamePlaceholder')}
          data-testid="roster-keyword"
        />
      </Col>
      <Col xs={8} md={4} xl={3}>
        <Select
          style={{ width: '100%' }}
          value={query.status}
          onChange={(v) => update({ status: v })}
          options={[{ value: '', label: t('member.allStatuses') }, ...MEMBER_STATUS_LIST.map((s) => ({ value: s.code, label: labels.memberStatus(s.code) }))]}
          data-testid="roster-status"
        />
      </Col>
      <Col xs={8} md={4} xl={3}>
        <Select
          style={{ width: '100%' }}
          value={query.position}
          onChange={(v) => update({ position: v })}
          options={[
            { value: '', label: t('member.allPositions') },
            { value: 'cadre', label: t('member.allCadres') },
            ...POSITION_LIST.map((p) => ({ value: p.code, label: labels.position(p.code) })),
          ]}
          data-testid="roster-position"
        />
      </Col>
      <Col xs={8} md={4} xl={3}>
        <Select
          style={{ width: '100%' }}
          value={query.gender}
          onChange={(v) => update({ gender: v })}
          options={[
            { value: '', label: t('member.allGenders') },
            { value: 'male', label: labels.gender('male') },
            { value: 'female', label: labels.gender('female') },
          ]}
          data-testid="roster-gender"
        />
      </Col>
    </Row>
  );
}
