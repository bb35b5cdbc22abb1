import { useState } from 'react';
import { App, Button, Image, Space, Spin, Upload, type UploadProps } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { upload } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import type { Attachment } from './api.ts';

const MAX_PHOTOS = 30;

interface Props {
  orgId: number | null;
  value?: Attachment[];
  onChange?: (v: Attachment[]) => void;
}

/**
 * Activity photos: on a phone one button opens the camera (`capture`), the other the gallery;
 * each photo is uploaded at once (the server turns it upright and strips its location) and
 * shown as a thumbnail that previews full size.
 */
export function PhotoUploader({ orgId, value = [], onChange }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [pending, setPending] = useState(0);
  const current = { list: value };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!orgId) return;
    setPending((n) => n + 1);
    upload('/attachments', file as File, { orgId, kind: 'photo' })
      .then((a) => {
        current.list = [...current.list, a];
        onChange?.(current.list);
        onSuccess?.(a);
      })
      .catch((e) => {
        message.error(`${(file as File).name}: ${errorText(e, i18n.language)}`);
        onError?.(e as Error);
      })
      .finally(() => setPending((n) => n - 1));
  };
  const common: UploadProps = { accept: 'image/*', multiple: true, showUploadList: false, customRequest, disabled: !orgId || value.length >= MAX_PHOTOS };
  const size = isMobile ? 'large' : 'middle';

  return (
    <div data-testid="activity-photos">
      <Space wrap style={{ marginBottom: value.length || pending ? 8 : 0 }}>
        {isMobile && (
          <Upload {...common} capture="environment" multiple={false}>
            <Button size={size} icon={<CameraOutlined />} data-testid="activity-photo-camera">
              {t('activities.takePhoto')}
            </Button>
          </Upload>
        )}
        <Upload {...common}>
          <Button size={size} icon={<PictureOutlined />} data-testid="activity-photo-upload">
            {isMobile ? t('activities.fromAlbum') : t('activities.addPhotos')}
          </Button>
        </Upload>
        {pending > 0 && <Spin size="small" />}
      </Space>
      {value.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(88px, 1fr))', gap: 8 }}>
            {value.map((p) => (
              <div key={p.id} style={{ position: 'relative' }} data-testid={`activity-photo-${p.id}`}>
                <Image
                  src={p.thumbUrl ?? p.url}
                  preview={{ src: p.url }}
                  width="100%"
                  height={88}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                  alt={p.name}
                />
                <Button
                  size="small"
                  shape="circle"
                  icon={<CloseOutlined />}
                  aria-label={t('activities.removePhoto')}
                  style={{ position: 'absolute', top: 4, right: 4 }}
                  onClick={() => onChange?.(value.filter((x) => x.id !== p.id))}
                  data-testid={`activity-photo-remove-${p.id}`}
                />
              </div>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </div>
  );
}
