import { useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useDebounced } from '../../app/useDebounced.ts';

interface Props {
  /** The organization whose roster (its units included) the member is picked from. */
  orgId: number | null;
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** Label of the current value before any search has run. */
  initial?: { id: number; name: string } | null;
  placeholder?: string;
  testId?: string;
}

/** One active member of an organization's roster, searched by name (a measure's owner, a nominated person). */
export function MemberSelect({ orgId, value, onChange, initial, placeholder, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'pick', orgId, q],
    queryFn: () =>
      api.GET('/members', {
        params: { query: { orgId: orgId!, subtree: '1', status: 'active', q: q.trim(), page: 1, pageSize: 30, sort: 'org', order: 'asc' } },
      }),
    enabled: !!orgId,
  });
  const [chosen, setChosen] = useState(initial ?? null);
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((m) => ({
      value: m.id,
      name: m.name,
      label: (
        <div style={{ lineHeight: 1.3 }}>
          <div>{m.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.orgName}
          </Typography.Text>
        </div>
      ),
    }));
    if (value != null && chosen && chosen.id === value && !list.some((o) => o.value === value))
      list.unshift({ value, name: chosen.name, label: <span>{chosen.name}</span> });
    return list;
  }, [data, value, chosen]);

  return (
    <div data-testid={testId}>
      <Select<number>
        showSearch={{ filterOption: false, onSearch: setText }}
        value={value ?? undefined}
        placeholder={placeholder ?? t('exemplars.memberPlaceholder')}
        loading={isFetching}
        notFoundContent={t('common.noMatch')}
        options={options}
        optionLabelProp="name"
        style={{ width: '100%' }}
        disabled={!orgId}
        onChange={(id: number) => {
          const o = options.find((x) => x.value === id);
          setChosen(o ? { id: o.value, name: o.name } : null);
          onChange?.(id ?? null);
        }}
      />
    </div>
  );
}
