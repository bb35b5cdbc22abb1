import { useEffect, useMemo, useState } from 'react';
import { App, Button, Checkbox, Drawer, Empty, Input, List, Space, Spin, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import type { Member } from '../../api/types.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';

export interface PickedMember {
  id: number;
  name: string;
  orgName: string;
}

interface Props {
  orgId: number | null;
  value?: PickedMember[];
  onChange?: (v: PickedMember[]) => void;
}

const PAGE = 200;
const roster = (orgId: number, q: string, page: number) =>
  api.GET('/members', { params: { query: { orgId, subtree: '1', status: 'active', q, page, pageSize: PAGE, sort: 'org', order: 'asc' } } });

/** Who attended: the unit's roster (its units included), searchable, with "select all". */
export function AttendeePicker({ orgId, value = [], onChange }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const [page, setPage] = useState(1);
  const [selectingAll, setSelectingAll] = useState(false);
  useEffect(() => setPage(1), [q, orgId]);
  const { data, isFetching } = useQuery({
    queryKey: ['members', 'list', 'attendees', orgId, q, page],
    queryFn: () => roster(orgId!, q.trim(), page),
    enabled: open && !!orgId,
    placeholderData: (prev) => prev,
  });
  const chosen = useMemo(() => new Set(value.map((m) => m.id)), [value]);
  const toggle = (m: Member, on: boolean) => onChange?.(on ? [...value, { id: m.id, name: m.name, orgName: m.orgName }] : value.filter((x) => x.id !== m.id));

  /** Every active member matching the search, across pages. */
  async function selectAll() {
    if (!orgId) return;
    setSelectingAll(true);
    try {
      const all: PickedMember[] = [];
      for (let p = 1; ; p++) {
        const res = await roster(orgId, q.trim(), p);
        all.push(...res.items.map((m) => ({ id: m.id, name: m.name, orgName: m.orgName })));
        if (p * PAGE >= res.total) break;
      }
      const merged = new Map(value.map((m) => [m.id, m]));
      for (const m of all) merged.set(m.id, m);
      onChange?.([...merged.values()]);
    } catch (e) {
      message.error(errorText(e, i18n.language));
    } finally {
      setSelectingAll(false);
    }
  }

  return (
    <div data-testid="activity-attendees">
      <Button
        size={isMobile ? 'large' : 'middle'}
        icon={<TeamOutlined />}
        disabled={!orgId}
        onClick={() => setOpen(true)}
        data-testid="activity-attendees-open"
        block={isMobile}
      >
        {t('activities.pickAttendees', { n: value.length })}
      </Button>
      {value.length > 0 && (
        <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          {value.slice(0, 40).map((m) => (
            <Tag key={m.id} closable onClose={() => onChange?.(value.filter((x) => x.id !== m.id))} style={{ fontSize: 14, padding: '2px 8px' }}>
              {m.name}
            </Tag>
          ))}
          {value.length > 40 && <Tag>{t('activities.moreCount', { n: value.length - 40 })}</Tag>}
        </div>
      )}
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement={isMobile ? 'bottom' : 'right'}
        size={isMobile ? '88vh' : 480}
        title={t('activities.attendeesTitle', { n: value.length })}
        extra={
          <Button type="primary" onClick={() => setOpen(false)} data-testid="activity-attendees-done">
            {t('common.done')}
          </Button>
        }
        styles={{ body: { padding: 12 } }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.Search
            allowClear
            size="large"
            placeholder={t('activities.searchMember')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="activity-attendees-search"
          />
          <Space wrap>
            <Button loading={selectingAll} onClick={selectAll} data-testid="activity-attendees-all">
              {q.trim() ? t('activities.selectMatching', { n: data?.total ?? 0 }) : t('activities.selectAll', { n: data?.total ?? 0 })}
            </Button>
            <Button onClick={() => onChange?.([])} disabled={!value.length} data-testid="activity-attendees-clear">
              {t('activities.clearAll')}
            </Button>
          </Space>
          {isFetching && !data ? (
            <Spin />
          ) : (
            <List<Member>
              dataSource={data?.items ?? []}
              locale={{ emptyText: <Empty description={t('activities.noMembers')} /> }}
              pagination={
                data && data.total > PAGE
                  ? { current: page, pageSize: PAGE, total: data.total, onChange: setPage, simple: true, size: 'small', align: 'center' }
                  : false
              }
              renderItem={(m) => (
                <List.Item style={{ padding: 0 }}>
                  <Checkbox
                    checked={chosen.has(m.id)}
                    onChange={(e) => toggle(m, e.target.checked)}
                    style={{ width: '100%', padding: '10px 4px', fontSize: 16 }}
                    data-testid={`attendee-option-${m.id}`}
                  >
                    {m.name}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {m.orgName}
                    </Typography.Text>
                  </Checkbox>
                </List.Item>
              )}
            />
          )}
        </Space>
      </Drawer>
    </div>
  );
}
