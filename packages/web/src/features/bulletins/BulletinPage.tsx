import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, Result, Row, Space, Spin, Tabs, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, FilePdfOutlined, FileWordOutlined, MinusCircleOutlined, NumberOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BulletinBody } from '@zx/domain';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { isApiError } from '../../api/client.ts';
import { useDownload } from '../../app/useDownload.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useBulletin, useBulletinAction, type Bulletin, type BulletinEdit } from './api.ts';
import { BulletinStatusTag } from './BulletinsPage.tsx';
import { DocumentView } from './DocumentView.tsx';

type EditValues = Required<Omit<BulletinEdit, 'highlightIds'>> & { highlightIds: number[] };

const valuesOf = (b: Bulletin): EditValues => ({
  title: b.title,
  addressee: b.body.addressee,
  opening: b.body.opening,
  overviewText: b.body.overviewText,
  requirements: b.body.requirements,
  closing: b.body.closing,
  signature: b.body.signature,
  dateLine: b.body.dateLine,
  highlightIds: b.body.highlights.filter((h) => h.included).map((h) => h.activityId),
});

/** One bulletin: the editor and live preview for a draft, the document itself once published. */
export default function BulletinPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: b, isLoading, error } = useBulletin(id);
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!b) return <Result status="404" title={isApiError(error) && error.status === 404 ? t('bulletins.notFound') : t('common.loadFailed')} />;
  return b.canEdit && b.status === 'draft' ? <DraftEditor b={b} /> : <ReadingView b={b} />;
}

function Downloads({ b }: { b: Bulletin }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const docx = useDownload();
  const pdf = useDownload();
  const name = `${b.number ? `${b.number} ` : ''}${b.title}`;
  return (
    <Space wrap>
      <Button
        icon={<FileWordOutlined />}
        loading={docx.busy}
        onClick={() => docx.run('/bulletins/{id}/docx', `${name}.docx`, { params: { path: { id: b.id } } })}
        data-testid="bulletin-download-docx"
        size={isMobile ? 'large' : 'middle'}
      >
        {t('bulletins.downloadDocx')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={pdf.busy}
        onClick={() => pdf.run('/bulletins/{id}/pdf', `${name}.pdf`, { params: { path: { id: b.id } } })}
        data-testid="bulletin-download-pdf"
        size={isMobile ? 'large' : 'middle'}
      >
        {t('bulletins.downloadPdf')}
      </Button>
    </Space>
  );
}

function Header({ b, extra }: { b: Bulletin; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="zx-page-toolbar">
      <div style={{ minWidth: 0 }}>
        <Space wrap size={8}>
          <BulletinStatusTag status={b.status} />
          <Typography.Text strong data-testid="bulletin-number">
            {b.number ?? t('bulletins.unnumbered')}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {b.orgName} · {b.campaignName} · {b.periodFrom} ~ {b.periodTo}
        </Typography.Text>
      </div>
      {extra}
    </div>
  );
}

/** Published (or not ours to edit): the document, readable on a phone, and the downloads. */
function ReadingView({ b }: { b: Bulletin }) {
  return (
    <div data-testid="bulletin-reading-view">
      <Header b={b} extra={<Downloads b={b} />} />
      <DocumentView doc={{ title: b.title, number: b.number, body: b.body, weights: b.weights }} />
    </div>
  );
}

function DraftEditor({ b }: { b: Bulletin }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditValues>();
  const actions = useBulletinAction(b.id);
  const [prefix, setPrefix] = useState(b.numberPrefix ?? '');
  const watched = Form.useWatch([], form) as Partial<EditValues> | undefined;

  useEffect(() => {
    form.setFieldsValue(valuesOf(b));
  }, [b, form]);

  // The preview follows the form as it is typed.
  const preview = useMemo(() => {
    const v = { ...valuesOf(b), ...(watched ?? {}) };
    const keep = new Set(v.highlightIds ?? []);
    const body: BulletinBody = {
      ...b.body,
      addressee: v.addressee ?? '',
      opening: v.opening ?? '',
      overviewText: v.overviewText ?? '',
      requirements: (v.requirements ?? []).filter((r) => r != null),
      closing: v.closing ?? '',
      signature: v.signature ?? '',
      dateLine: v.dateLine ?? '',
      highlights: b.body.highlights.map((h) => ({ ...h, included: keep.has(h.activityId) })),
    };
    return { title: v.title ?? b.title, number: b.number, body, weights: b.weights };
  }, [b, watched]);

  const dirty = JSON.stringify(valuesOf(b)) !== JSON.stringify({ ...valuesOf(b), ...(watched ?? {}) });
  const save = (then?: () => void) =>
    form.validateFields().then((v) =>
      actions.save.mutate(v, {
        onSuccess: () => {
          message.success(t('bulletins.saved'));
          then?.();
        },
        onError: (e) => {
          applyFieldErrors(form, e, i18n.language);
          message.error(errorText(e, i18n.language));
        },
      }),
    );

  const number = () =>
    actions.number.mutate(prefix.trim() || null, {
      onSuccess: (x) => message.success(t('bulletins.numbered', { number: x.number })),
      onError: (e) => message.error(errorText(e, i18n.language)),
    });

  const publish = () =>
    modal.confirm({
      title: t('bulletins.publishConfirmTitle'),
      content: t('bulletins.publishConfirm', { org: b.orgName }),
      okText: t('bulletins.publish'),
      okButtonProps: { 'data-testid': 'bulletin-publish-confirm' } as ButtonProps,
      onOk: () =>
        new Promise<void>((resolve, reject) => {
          const go = () =>
            actions.publish.mutate(undefined, {
              onSuccess: () => {
                message.success(t('bulletins.published'));
                resolve();
              },
              onError: (e) => {
                message.error(errorText(e, i18n.language));
                reject(e);
              },
            });
          if (dirty) save(go);
          else go();
        }),
    });

  const remove = () =>
    modal.confirm({
      title: t('bulletins.deleteConfirm'),
      okType: 'danger',
      okText: t('bulletins.delete'),
      okButtonProps: { 'data-testid': 'bulletin-delete-confirm' } as ButtonProps,
      onOk: () => actions.remove.mutateAsync().then(() => navigate('/bulletins')),
    });

  const editor = (
    <Card size="small" title={t('bulletins.editor')} data-testid="bulletin-editor">
      <Form form={form} layout="vertical" onFinish={() => save()}>
        <Form.Item name="title" label={t('bulletins.docTitle')} rules={[{ required: true, whitespace: true, message: t('bulletins.titleRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} data-testid="bulletin-edit-title" />
        </Form.Item>
        <Form.Item name="addressee" label={t('bulletins.addressee')}>
          <Input maxLength={200} data-testid="bulletin-edit-addressee" />
        </Form.Item>
        <Form.Item name="opening" label={t('bulletins.opening')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} data-testid="bulletin-edit-opening" />
        </Form.Item>
        <Form.Item name="overviewText" label={t('bulletins.overviewText')} extra={t('bulletins.overviewHint')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} data-testid="bulletin-edit-overview" />
        </Form.Item>
        <Form.Item name="highlightIds" label={t('bulletins.highlights')} extra={b.body.highlights.length ? t('bulletins.highlightsHint') : undefined}>
          {b.body.highlights.length ? (
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {b.body.highlights.map((h) => (
                <Checkbox key={h.activityId} value={h.activityId} data-testid={`bulletin-highlight-${h.activityId}`}>
                  <Typography.Text strong>{h.orgName}</Typography.Text> {h.heldOn} “{h.title}”
                </Checkbox>
              ))}
            </Checkbox.Group>
          ) : (
            <Typography.Text type="secondary">{t('bulletins.noHighlights')}</Typography.Text>
          )}
        </Form.Item>
        <Form.List name="requirements">
          {(fields, { add, remove: drop }) => (
            <Form.Item label={t('bulletins.requirements')}>
              {fields.map((f, i) => (
                <div key={f.key} style={{ display: 'flex', gap: 6, marginBottom: 8 }}>
                  <Form.Item name={f.name} noStyle>
                    <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} data-testid={`bulletin-edit-requirement-${i}`} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => drop(f.name)} aria-label={t('bulletins.removeRequirement')} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
                {t('bulletins.addRequirement')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="closing" label={t('bulletins.closing')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} data-testid="bulletin-edit-closing" />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} md={12}>
            <Form.Item name="signature" label={t('bulletins.signature')}>
              <Input maxLength={100} data-testid="bulletin-edit-signature" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="dateLine" label={t('bulletins.dateLine')} extra={t('bulletins.dateLineHint')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          htmlType="submit"
          loading={actions.save.isPending}
          disabled={!dirty}
          data-testid="bulletin-save-button"
          block={isMobile}
          size={isMobile ? 'large' : 'middle'}
        >
          {t('bulletins.save')}
        </Button>
      </Form>
    </Card>
  );

  const figures = (
    <Card size="small" title={t('bulletins.figures')} style={{ marginBottom: 12 }} data-testid="bulletin-figures">
      <Descriptions
        size="small"
        column={isMobile ? 1 : 2}
        items={[
          { key: 'm', label: t('bulletins.fig.members'), children: b.body.overview.members },
          {
            key: 'p',
            label: t('bulletins.fig.participation'),
            children: `${b.body.overview.participants}（${b.body.overview.participationRate === null ? '—' : `${Math.round(b.body.overview.participationRate * 1000) / 10}%`}）`,
          },
          {
            key: 'pl',
            label: t('bulletins.fig.plans'),
            children: `${b.body.overview.plans.approved} / ${b.body.overview.plans.submitted} / ${b.body.overview.plans.required}`,
          },
          { key: 'a', label: t('bulletins.fig.activities'), children: b.body.overview.activities.total },
          { key: 'r', label: t('bulletins.fig.ranked'), children: b.body.ranking.length },
          { key: 'l', label: t('bulletins.fig.lagging'), children: b.body.lagging.length },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('bulletins.frozenHint')}
      </Typography.Paragraph>
    </Card>
  );

  const toolbar = (
    <Space wrap>
      <Space.Compact>
        <Input
          value={prefix}
          onChange={(e) => setPrefix(e.target.value)}
          placeholder={t('bulletins.prefixPlaceholder')}
          style={{ width: 130 }}
          maxLength={12}
          data-testid="bulletin-number-prefix"
        />
        <Button icon={<NumberOutlined />} loading={actions.number.isPending} onClick={number} data-testid="bulletin-number-button">
          {b.number ? t('bulletins.renumber') : t('bulletins.assignNumber')}
        </Button>
      </Space.Compact>
      <Button
        type="primary"
        danger
        icon={<SendOutlined />}
        disabled={!b.number}
        onClick={publish}
        data-testid="bulletin-publish-button"
        title={b.number ? undefined : t('bulletins.needNumber')}
      >
        {t('bulletins.publish')}
      </Button>
      <Downloads b={b} />
      <Button icon={<DeleteOutlined />} onClick={remove} data-testid="bulletin-delete-button">
        {t('bulletins.delete')}
      </Button>
    </Space>
  );

  const doc = <DocumentView doc={preview} />;
  return (
    <div data-testid="bulletin-draft-view">
      <Header b={b} />
      <div style={{ marginBottom: 12 }}>{toolbar}</div>
      {!b.number && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('bulletins.needNumber')}
        </Typography.Paragraph>
      )}
      {isMobile ? (
        <Tabs
          items={[
            {
              key: 'edit',
              label: t('bulletins.editor'),
              children: (
                <>
                  {figures}
                  {editor}
                </>
              ),
            },
            { key: 'preview', label: <span data-testid="bulletin-preview-tab">{t('bulletins.preview')}</span>, children: doc },
          ]}
        />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            {figures}
            {editor}
          </Col>
          <Col xs={24} xl={14}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
              {t('bulletins.preview')}
            </Typography.Text>
            {b.body.ranking.length === 0 && b.body.overview.members === 0 ? <Empty description={t('bulletins.noFigures')} /> : null}
            {doc}
          </Col>
        </Row>
      )}
    </div>
  );
}
