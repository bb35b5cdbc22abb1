import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { isApiError } from '../../api/client.ts';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCampaigns } from '../campaigns/api.ts';
import { PhotoUploader } from '../activities/PhotoUploader.tsx';
import type { Attachment } from '../activities/api.ts';
import { MemberSelect } from './MemberSelect.tsx';
import { useNominate, type ExemplarKind } from './api.ts';

interface Values {
  campaignId?: number | null;
  kind: ExemplarKind;
  nomineeOrgId?: number | null;
  nomineeMemberId?: number | null;
  title: string;
  materials: string;
  photos: Attachment[];
}

/** 推荐先进典型: a unit or a person of the signed-in organization's subtree, with materials and photos. */
export function NominateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) as ExemplarKind | undefined;
  const { data: campaigns = [] } = useCampaigns(open && can('campaign.read'));
  const nominate = useNominate();
  const [unmatched, setUnmatched] = useState<string | null>(null);

  async function submit(v: Values) {
    setUnmatched(null);
    try {
      const saved = await nominate.mutateAsync({
        campaignId: v.campaignId ?? null,
        kind: v.kind,
        nomineeOrgId: v.kind === 'unit' ? (v.nomineeOrgId ?? null) : null,
        nomineeMemberId: v.kind === 'person' ? (v.nomineeMemberId ?? null) : null,
        title: v.title ?? '',
        materials: v.materials ?? '',
        photoIds: (v.photos ?? []).map((p) => p.id),
      });
      message.success(t('exemplars.nominated'));
      form.resetFields();
      onClose();
      navigate(`/exemplars/${saved.id}`);
    } catch (e) {
      const left = applyFieldErrors(form, e, i18n.language, { photoIds: 'photos' });
      if (left.length || !isApiError(e) || !e.errors.length)
        setUnmatched(left.length && isApiError(e) ? left.map((x) => e.fieldText(x, i18n.language)).join('；') : errorText(e, i18n.language));
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('exemplars.nominateTitle')}
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      data-testid="nominate-drawer"
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} size={isMobile ? 'large' : 'middle'}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" onClick={() => form.submit()} loading={nominate.isPending} size={isMobile ? 'large' : 'middle'} data-testid="nominate-submit">
            {t('exemplars.submitNomination')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size={isMobile ? 'large' : 'middle'}
        initialValues={{ kind: 'unit', photos: [], campaignId: campaigns.find((c) => c.status === 'running')?.id ?? null }}
        onFinish={submit}
        requiredMark="optional"
      >
        <Form.Item name="kind" label={t('exemplars.kindLabel')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="nominate-kind">
            <Radio.Button value="unit" data-testid="nominate-kind-unit">
              {t('exemplars.kind.unit')}
            </Radio.Button>
            <Radio.Button value="person" data-testid="nominate-kind-person">
              {t('exemplars.kind.person')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {kind !== 'person' ? (
          <Form.Item name="nomineeOrgId" label={t('exemplars.nomineeUnit')} extra={t('exemplars.nomineeUnitHint')}>
            <OrgSelect testId="nominate-org" />
          </Form.Item>
        ) : (
          <Form.Item name="nomineeMemberId" label={t('exemplars.nomineePerson')}>
            <MemberSelect orgId={me.grant.orgId} testId="nominate-member" />
          </Form.Item>
        )}
        <Form.Item name="campaignId" label={t('exemplars.campaign')}>
          <Select allowClear options={campaigns.map((c) => ({ value: c.id, label: c.name }))} data-testid="nominate-campaign" />
        </Form.Item>
        <Form.Item name="title" label={t('exemplars.titleLabel')}>
          <Input maxLength={60} showCount placeholder={t('exemplars.titlePlaceholder')} data-testid="nominate-title" />
        </Form.Item>
        <Form.Item name="materials" label={t('exemplars.materials')}>
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 16 }}
            maxLength={10000}
            showCount
            placeholder={t('exemplars.materialsPlaceholder')}
            data-testid="nominate-materials"
          />
        </Form.Item>
        <Form.Item name="photos" label={t('exemplars.photos')}>
          <PhotoUploader orgId={me.grant.orgId} />
        </Form.Item>
        {unmatched && <Alert type="error" showIcon message={unmatched} data-testid="nominate-error" />}
      </Form>
    </Drawer>
  );
}
