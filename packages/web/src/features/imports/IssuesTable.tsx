import { useState } from 'react';
import { App, Button, List, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import type { ImportIssue } from '../../api/types.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useJobIssues } from './useJob.ts';

/** The rows that failed validation, paginated on the server, with the Excel error report. */
export function IssuesTable({ jobId }: { jobId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const { data, isFetching } = useJobIssues(jobId, page, pageSize, true);
  const en = i18n.language === 'en-US';
  const isMobile = useIsMobile();
  const text = (r: ImportIssue) => (r.messages ? (en ? r.messages.en : r.messages.zh) : r.message);
  const pagination = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    size: 'small' as const,
    showSizeChanger: !isMobile,
    simple: isMobile,
    onChange: (p: number, s: number) => {
      setPage(p);
      setPageSize(s);
    },
  };
  const fieldLabel = (f: string) => (i18n.exists(`importField.${f}`) ? t(`importField.${f}`) : f);
  const columns = [
    { title: t('import.rowNumber'), dataIndex: 'rowNumber', width: 80 },
    { title: t('import.column'), dataIndex: 'field', width: 120, render: (f: string) => fieldLabel(f) },
    {
      title: t('import.problem'),
      key: 'message',
      render: (_: unknown, r: ImportIssue) => text(r),
    },
  ];
  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <Button
          icon={<DownloadOutlined />}
          data-testid="import-error-report"
          onClick={() =>
            download('/jobs/{id}/issues/export', 'errors.xlsx', { params: { path: { id: jobId } } }).catch((e) => message.error(errorText(e, i18n.language)))
          }
        >
          {t('import.downloadErrors')}
        </Button>
      </div>
      {isMobile ? (
        <List<ImportIssue>
          size="small"
          bordered
          loading={isFetching}
          dataSource={data?.items ?? []}
          pagination={{ ...pagination, align: 'center' }}
          data-testid="import-issues-table"
          renderItem={(r) => (
            <List.Item data-testid={`import-issue-row-${r.rowNumber}`}>
              <div>
                <Typography.Text strong>{t('import.rowLabel', { n: r.rowNumber })}</Typography.Text>
                <Typography.Text type="secondary"> · {fieldLabel(r.field)}</Typography.Text>
                <div>{text(r)}</div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<ImportIssue>
          size="small"
          rowKey={(r) => `${r.rowNumber}-${r.field}-${r.code}`}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 480 }}
          data-testid="import-issues-table"
          onRow={(r) => ({ 'data-testid': `import-issue-row-${r.rowNumber}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={pagination}
        />
      )}
    </div>
  );
}
