import { useState } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels.ts';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { ImportWizard } from '../imports/ImportWizard.tsx';
import { useOrgDetail } from '../orgs/api.ts';
import { useRoster } from './api.ts';
import { MemberFormDrawer } from './MemberFormDrawer.tsx';
import { RosterCards } from './RosterCards.tsx';
import { RosterFilters } from './RosterFilters.tsx';
import { RosterTable } from './RosterTable.tsx';
import { useRosterQuery } from './useRosterQuery.ts';
import { useDownload } from '../../app/useDownload.ts';

/** 团员名册: organization + filters, a server-paged table (cards on a phone), add, import, export. */
export default function RosterPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useSession();
  const can = useCan();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const [query, update] = useRosterQuery();
  const { data, isFetching } = useRoster(query);
  const { data: org } = useOrgDetail(query.orgId);
  const orgOption = { id: query.orgId, name: org?.name ?? (query.orgId === me.grant.orgId ? me.grant.orgName : '') };
  // A new member goes into the chosen organization only when that type holds members (not a 市委/区县委).
  const holdsMembers = !!org && labels.types.find((x) => x.code === org.typeCode)?.holdsMembers === true;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exporter = useDownload();

  const exportRoster = (full: boolean) =>
    exporter.run('/members/export', 'members.xlsx', {
      params: { query: { orgId: query.orgId, subtree: query.subtree ? '1' : '0', full: full ? '1' : '0' } },
    });
  const exportItems = [
    { key: 'masked', label: <span data-testid="member-export-masked">{t('member.exportMasked')}</span> },
    ...(can('member.reveal') ? [{ key: 'full', danger: true, label: <span data-testid="member-export-full">{t('member.exportFull')}</span> }] : []),
  ];
  const onExport = ({ key }: { key: string }) => {
    if (key === 'full') {
      modal.confirm({
        title: t('member.exportFullConfirmTitle'),
        content: t('member.exportFullConfirm'),
        okText: t('member.exportFullOk'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true },
        onOk: () => exportRoster(true),
      });
    } else void exportRoster(false);
  };

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('nav.members')}</h2>
        <Space wrap>
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create-button">
              {t('member.create')}
            </Button>
          )}
          {can('member.write') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="member-import-button">
              {t('member.import')}
            </Button>
          )}
          <Dropdown trigger={['click']} menu={{ items: exportItems, onClick: onExport }}>
            <Button icon={<DownloadOutlined />} loading={exporter.busy} data-testid="member-export-button">
              {t('member.export')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      </div>
      <RosterFilters query={query} update={update} />
      {isMobile ? (
        <RosterCards data={data} loading={isFetching} query={query} update={update} />
      ) : (
        <RosterTable data={data} loading={isFetching} query={query} update={update} />
      )}
      <MemberFormDrawer open={creating} defaultOrg={holdsMembers ? orgOption : undefined} onClose={() => setCreating(false)} />
      <ImportWizard kind="members" open={importing} onClose={() => setImporting(false)} fields={{ orgId: query.orgId }} targetName={orgOption.name} />
    </>
  );
}
