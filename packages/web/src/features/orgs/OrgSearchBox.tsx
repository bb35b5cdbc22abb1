import { useState } from 'react';
import { Select, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgSearchHit } from '../../api/types.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { useOrgSearch } from './api.ts';

/** Search box above the tree: name, pinyin (全拼), initials (hxq) or code. */
export function OrgSearchBox({ onPick }: { onPick: (hit: OrgSearchHit) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const term = useDebounced(q, 250);
  const { data: hits = [], isFetching } = useOrgSearch(term);
  return (
    <div data-testid="org-search">
      <Select<number>
        showSearch={{ filterOption: false, onSearch: setQ, searchValue: q, autoClearSearchValue: false }}
        value={null}
        suffixIcon={<SearchOutlined />}
        placeholder={t('org.searchPlaceholder')}
        loading={isFetching}
        notFoundContent={term ? t('common.noMatch') : t('org.typeToSearch')}
        style={{ width: '100%' }}
        options={hits.map((h) => ({
          value: h.id,
          label: (
            <div style={{ lineHeight: 1.3, padding: '2px 0' }} data-testid={`org-search-hit-${h.id}`}>
              <div>{h.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.ancestry}
              </Typography.Text>
            </div>
          ),
        }))}
        onChange={(id) => {
          const hit = hits.find((h) => h.id === id);
          if (hit) onPick(hit);
        }}
      />
    </div>
  );
}
