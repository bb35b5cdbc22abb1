import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { ImportWizard } from '../imports/ImportWizard.tsx';
import { useOrgDetail } from './api.ts';
import { OrgDetailPanel } from './OrgDetailPanel.tsx';
import { OrgTree } from './OrgTree.tsx';
import { useDownload } from '../../app/useDownload.ts';

/** 组织架构: tree (with search) on the left, the selected organization on the right; stacked on a phone. */
export default function OrgTreePage() {
  const me = useSession();
  const can = useCan();
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('id')) || me.grant.orgId;
  const select = (id: number) => setParams({ id: String(id) }, { replace: false });
  const [importing, setImporting] = useState(false);
  const exporter = useDownload();
  const { data: selected } = useOrgDetail(selectedId);

  const exportOrgs = () => exporter.run('/orgs/export', 'organizations.xlsx', { params: { query: { rootId: selectedId } } });

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('nav.orgs')}</h2>
        <Space wrap>
          {can('org.structure') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="org-import-button">
              {t('org.import')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={exporter.busy} onClick={() => void exportOrgs()} data-testid="org-export-button">
            {t('org.export')}
          </Button>
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} xl={7}>
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <OrgTree selectedId={selectedId} selectedPath={selected?.path} onSelect={select} height={isMobile ? 300 : 620} />
          </Card>
        </Col>
        <Col xs={24} md={15} xl={17}>
          {selectedId ? <OrgDetailPanel id={selectedId} onSelect={select} /> : <Empty />}
        </Col>
      </Row>
      <ImportWizard kind="orgs" open={importing} onClose={() => setImporting(false)} fields={{ parentId: selectedId }} targetName={selected?.name} />
    </>
  );
}
