import { useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgSearchHit } from '../../api/types.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { useOrgSearch } from './api.ts';

export interface OrgOption {
  id: number;
  name: string;
}

interface Props {
  value?: number | null;
  onChange?: (id: number | null, hit?: OrgOption) => void;
  /** Label for the initial value (the search has not run yet). */
  initial?: OrgOption | null;
  /** Organizations that may not be chosen (e.g. the one being moved). */
  excludeIds?: number[];
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  style?: React.CSSProperties;
}

/** Pick an organization in scope by name, pinyin initials (hxq) or code. */
export function OrgSelect({ value, onChange, initial, excludeIds = [], placeholder, allowClear, testId, style }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const term = useDebounced(q, 250);
  const { data: hits = [], isFetching } = useOrgSearch(term);
  const [chosen, setChosen] = useState<OrgOption | null>(initial ?? null);

  const options = useMemo(() => {
    const list: { value: number; label: React.ReactNode; name: string }[] = hits
      .filter((h: OrgSearchHit) => !excludeIds.includes(h.id))
      .map((h) => ({
        value: h.id,
        name: h.name,
        label: (
          <div style={{ lineHeight: 1.3, padding: '2px 0' }}>
            <div>{h.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {h.ancestry}
            </Typography.Text>
          </div>
        ),
      }));
    const known = chosen ?? initial;
    if (value != null && known && known.id === value && !list.some((o) => o.value === value)) {
      list.unshift({ value, name: known.name, label: <div>{known.name}</div> });
    }
    return list;
  }, [hits, excludeIds, chosen, initial, value]);

  return (
    <div data-testid={testId} style={style}>
      <Select<number>
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={value ?? undefined}
        placeholder={placeholder ?? t('org.searchPlaceholder')}
        allowClear={allowClear}
        loading={isFetching}
        notFoundContent={term ? t('common.noMatch') : t('org.typeToSearch')}
        options={options}
        optionLabelProp="name"
        style={{ width: '100%' }}
        onChange={(id) => {
          const o = options.find((x) => x.value === id);
          const pick = o ? { id: o.value, name: o.name } : null;
          setChosen(pick);
          onChange?.(id ?? null, pick ?? undefined);
        }}
      />
    </div>
  );
}
