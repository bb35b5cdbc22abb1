import { App, Button, Space, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { upload } from '../../../api/client.ts';
import { errorText } from '../../../api/forms.ts';
import { useCan } from '../../../app/session.ts';
import type { Sheet, SheetItem } from '../api.ts';
import type { SheetForm } from './useSheetForm.tsx';

/** The files attached to an item being scored: removable, and a button to upload one more. */
export function EvidenceUploader({ item: i, sheet, form }: { item: SheetItem; sheet: Sheet; form: SheetForm }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { draft, setDraft } = form;
  const d = draft[i.key];
  return (
    <Space wrap>
      {d.attachments.map((a) => (
        <Tag key={a.id} closable onClose={() => setDraft({ ...draft, [i.key]: { ...d, attachments: d.attachments.filter((x) => x.id !== a.id) } })}>
          <a href={a.url} target="_blank" rel="noreferrer">
            {a.name}
          </a>
        </Tag>
      ))}
      <Upload
        showUploadList={false}
        customRequest={({ file, onSuccess, onError: fail }) => {
          upload('/attachments', file as File, { orgId: sheet.org.id, kind: 'file' })
            .then((a) => {
              setDraft((all) => ({ ...all, [i.key]: { ...all[i.key], attachments: [...all[i.key].attachments, a] } }));
              onSuccess?.(a);
            })
            .catch((e) => {
              message.error(errorText(e, i18n.language));
              fail?.(e as Error);
            });
        }}
      >
        <Button icon={<UploadOutlined />} data-testid={`item-upload-${i.key}`}>
          {t('assessment.attach')}
        </Button>
      </Upload>
    </Space>
  );
}

/** The activities and files an item was scored with, as links for those who may open them. */
export function EvidenceLinks({ item: i }: { item: SheetItem }) {
  const can = useCan();
  const canOpenActivities = can('activity.read');
  const canOpenFiles = can('campaign.read');
  return (
    <Space wrap size={4}>
      {/* A representative signed in as a member sees what the evidence is, without links it may not open. */}
      {i.activities.map((a) =>
        canOpenActivities ? (
          <Link key={a.id} to={`/activities/${a.id}`}>
            <Tag color="blue">
              {a.heldOn} {a.title}
            </Tag>
          </Link>
        ) : (
          <Tag key={a.id} color="blue">
            {a.heldOn} {a.title}
          </Tag>
        ),
      )}
      {i.attachments.map((a) =>
        canOpenFiles ? (
          <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
            <Tag>{a.name}</Tag>
          </a>
        ) : (
          <Tag key={a.id}>{a.name}</Tag>
        ),
      )}
    </Space>
  );
}
