import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, CloseOutlined, EnvironmentOutlined, RollbackOutlined, TrophyOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useExemplar, useExemplarAction, type ExemplarAction, type ExemplarDetail } from './api.ts';
import { STATUS_COLOR } from './ExemplarsPage.tsx';

/** One exemplar's page: photos, materials, level, who selected it and when, demonstration-site visits. */
export default function ExemplarPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const { data: e, isPending, error } = useExemplar(id);
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error || !e) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;

  return (
    <div style={{ maxWidth: 1100, margin: '0 auto' }} data-testid="exemplar-page">
      <Card styles={{ body: { padding: isMobile ? 14 : 24 } }}>
        <Space size={6} wrap style={{ marginBottom: 6 }}>
          <Tag color={STATUS_COLOR[e.status]} data-testid="exemplar-status" data-status={e.status}>
            {t(`exemplars.status.${e.status}`)}
          </Tag>
          <Tag>{t(`exemplars.kind.${e.kind}`)}</Tag>
          {e.level && (
            <Tag color="red" icon={<TrophyOutlined />} data-testid="exemplar-level">
              {en ? e.level.nameEn : e.level.nameZh}
              {t('exemplars.exemplarSuffix')}
            </Tag>
          )}
          {e.demoSite && (
            <Tag color="gold" icon={<EnvironmentOutlined />} data-testid="exemplar-demo-site">
              {t('exemplars.demoSite')}
            </Tag>
          )}
        </Space>
        <h2 style={{ margin: '4px 0', fontSize: isMobile ? 20 : 24 }} data-testid="exemplar-name">
          {e.nomineeName}
        </h2>
        <Typography.Title level={5} style={{ marginTop: 0, color: '#c8161d' }}>
          {e.title}
        </Typography.Title>
        <Descriptions size="small" column={isMobile ? 1 : 2} style={{ marginTop: 8 }}>
          {e.kind === 'person' && <Descriptions.Item label={t('exemplars.unitOfPerson')}>{e.nomineeOrgName}</Descriptions.Item>}
          <Descriptions.Item label={t('exemplars.nominator')}>
            {e.nominatorOrgName} · {e.nominatedOn}
          </Descriptions.Item>
          {e.campaignName && <Descriptions.Item label={t('exemplars.campaign')}>{e.campaignName}</Descriptions.Item>}
          {e.status === 'selected' || e.status === 'not_selected' ? (
            <>
              <Descriptions.Item label={t('exemplars.selector')}>
                <span data-testid="exemplar-selector">{e.selectorOrgName}</span>
                {` · ${e.decidedOn ?? ''}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('exemplars.method')}>{t(`exemplars.methods.${e.decisionMethod ?? 'committee'}`)}</Descriptions.Item>
              {e.decisionNote && (
                <Descriptions.Item label={t('exemplars.decisionNote')} span={2}>
                  {e.decisionNote}
                </Descriptions.Item>
              )}
            </>
          ) : null}
          {e.demoSite && <Descriptions.Item label={t('exemplars.demoSiteSince')}>{e.demoSiteSince}</Descriptions.Item>}
        </Descriptions>
        <Actions e={e} />
      </Card>
      {(e.vote || e.canStartVote) && <VoteCard e={e} />}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('exemplars.materials')} size="small">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8, marginBottom: 0 }} data-testid="exemplar-materials">
              {e.materials}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('exemplars.photosN', { n: e.photos.length })} size="small">
            {e.photos.length ? (
              <Image.PreviewGroup>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 8 }} data-testid="exemplar-photos">
                  {e.photos.map((p) => (
                    <Image
                      key={p.id}
                      src={p.thumbUrl ?? p.url}
                      preview={{ src: p.url }}
                      width="100%"
                      height={96}
                      style={{ objectFit: 'cover', borderRadius: 6 }}
                      alt={p.name}
                    />
                  ))}
                </div>
              </Image.PreviewGroup>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exemplars.noPhotos')} />
            )}
          </Card>
          {(e.demoSite || e.visits.length > 0) && (
            <Card title={t('exemplars.visitsTitle', { n: e.visits.length })} size="small" style={{ marginTop: 16 }}>
              <List
                size="small"
                data-testid="exemplar-visits"
                dataSource={e.visits}
                locale={{ emptyText: t('exemplars.noVisits') }}
                renderItem={(v) => (
                  <List.Item data-testid={`exemplar-visit-${v.id}`}>
                    <List.Item.Meta
                      title={v.canOpen ? <Link to={`/activities/${v.id}`}>{v.title}</Link> : v.title}
                      description={`${v.heldOn} · ${v.orgName} · ${t('exemplars.attendees', { n: v.attendeeCount })}`}
                    />
                  </List.Item>
                )}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('exemplars.visitHint')}
              </Typography.Text>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

function Actions({ e }: { e: ExemplarDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const action = useExemplarAction(e.id);
  const [deciding, setDeciding] = useState(false);
  const run = (a: ExemplarAction, done?: string) =>
    action.mutate(a, { onSuccess: () => message.success(done ?? t('common.saved')), onError: (err) => message.error(errorText(err, i18n.language)) });
  if (!e.canDecide && !e.canWithdraw && !e.canManageSite) return null;
  const size = isMobile ? 'large' : 'middle';
  return (
    <Space wrap style={{ marginTop: 12 }}>
      {e.canDecide && (
        <Button type="primary" size={size} icon={<CheckOutlined />} onClick={() => setDeciding(true)} data-testid="exemplar-decide">
          {t('exemplars.decide')}
        </Button>
      )}
      {e.canWithdraw && (
        <Popconfirm title={t('exemplars.withdrawConfirm')} onConfirm={() => run({ action: 'withdraw' }, t('exemplars.withdrawn'))}>
          <Button size={size} icon={<RollbackOutlined />} data-testid="exemplar-withdraw">
            {t('exemplars.withdraw')}
          </Button>
        </Popconfirm>
      )}
      {e.canManageSite &&
        (e.demoSite ? (
          <Popconfirm title={t('exemplars.siteOffConfirm')} onConfirm={() => run({ action: 'demo-site', body: { demoSite: false } })}>
            <Button size={size} icon={<CloseOutlined />} data-testid="exemplar-site-off">
              {t('exemplars.siteOff')}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            size={size}
            icon={<EnvironmentOutlined />}
            onClick={() => run({ action: 'demo-site', body: { demoSite: true } }, t('exemplars.siteOnDone'))}
            data-testid="exemplar-site-on"
          >
            {t('exemplars.siteOn')}
          </Button>
        ))}
      <DecideModal e={e} open={deciding} onClose={() => setDeciding(false)} />
    </Space>
  );
}

/** 团员代表投票: start it, follow the turnout, close it and read the tally before the committee decides. */
function VoteCard({ e }: { e: ExemplarDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const action = useExemplarAction(e.id);
  const v = e.vote;
  const run = (a: ExemplarAction) =>
    action.mutate(a, { onSuccess: () => message.success(t('common.saved')), onError: (err) => message.error(errorText(err, i18n.language)) });
  return (
    <Card size="small" title={t('exemplars.vote.title')} style={{ marginTop: 16 }} data-testid="exemplar-vote">
      {!v && (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('exemplars.vote.hint')}</Typography.Text>
          <Popconfirm
            title={t('exemplars.vote.startConfirm')}
            onConfirm={() => run({ action: 'vote', body: { closesAt: dayjs().add(7, 'day').toISOString() } })}
          >
            <Button loading={action.isPending} data-testid="exemplar-vote-start">
              {t('exemplars.vote.start')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {v && v.status !== 'closed' && (
        <Space wrap>
          <Tag color="processing" data-testid="exemplar-vote-status" data-status={v.status}>
            {t('exemplars.vote.open')}
          </Tag>
          <Typography.Text>{t('exemplars.vote.turnout', { voted: v.votedCount, roll: v.rollSize })}</Typography.Text>
          {v.closesAt && (
            <Typography.Text type="secondary">{t('exemplars.vote.closesAt', { at: dayjs(v.closesAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
          )}
          {e.canCloseVote && (
            <Popconfirm title={t('exemplars.vote.closeConfirm')} onConfirm={() => run({ action: 'vote/close' })}>
              <Button loading={action.isPending} data-testid="exemplar-vote-close">
                {t('exemplars.vote.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {v && v.status === 'closed' && v.result && (
        <div data-testid="exemplar-vote-result">
          {v.result.withheld ? (
            <Alert type="warning" showIcon message={i18n.language === 'en-US' ? v.result.withheld.message.en : v.result.withheld.message.zh} />
          ) : (
            <Space wrap>
              {(['approve', 'reject', 'abstain'] as const).map((k) => (
                <Tag key={k}>
                  {t(`exemplars.vote.options.${k}`)} {v.result!.counts[k] ?? 0}
                </Tag>
              ))}
              {v.result.approveRate !== null && (
                <Typography.Text strong>{t('exemplars.vote.rate', { rate: Math.round(v.result.approveRate * 1000) / 10 })}</Typography.Text>
              )}
            </Space>
          )}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
            {t('exemplars.vote.turnout', { voted: v.result.ballots, roll: v.rollSize })}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}

interface DecideValues {
  method?: 'committee' | 'vote';
  decision: 'selected' | 'not_selected';
  decidedOn: Dayjs;
  note?: string;
}

/** 评选: the committee's decision with its date and note (the level follows from the deciding organization). */
function DecideModal({ e, open, onClose }: { e: ExemplarDetail; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecideValues>();
  const action = useExemplarAction(e.id);
  const decision = Form.useWatch('decision', form);

  async function submit(v: DecideValues) {
    try {
      await action.mutateAsync({
        action: 'decide',
        body: { decision: v.decision, method: v.method ?? 'committee', note: v.note ?? '', decidedOn: v.decidedOn.format('YYYY-MM-DD') },
      });
      message.success(v.decision === 'selected' ? t('exemplars.selectedDone') : t('common.saved'));
      onClose();
    } catch (err) {
      const left = applyFieldErrors(form, err, i18n.language);
      if (left.length || !(err as { errors?: unknown[] }).errors?.length) message.error(errorText(err, i18n.language));
    }
  }

  return (
    <Modal
      open={open}
      title={t('exemplars.decideTitle', { name: e.nomineeName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('exemplars.decideOk')}
      confirmLoading={action.isPending}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'exemplar-decide-modal' }}
    >
      <Form<DecideValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ decision: 'selected', decidedOn: dayjs(), method: e.vote?.status === 'closed' ? 'vote' : 'committee' }}
        onFinish={submit}
      >
        <Form.Item name="decision" label={t('exemplars.decision')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="selected" data-testid="decide-selected">
              {t('exemplars.status.selected')}
            </Radio.Button>
            <Radio.Button value="not_selected" data-testid="decide-not-selected">
              {t('exemplars.status.not_selected')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {e.vote?.status === 'closed' && (
          <Form.Item name="method" label={t('exemplars.method')}>
            <Radio.Group>
              <Radio value="vote">{t('exemplars.methods.vote')}</Radio>
              <Radio value="committee">{t('exemplars.methods.committee')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="decidedOn" label={t('exemplars.decidedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="decide-date" />
        </Form.Item>
        <Form.Item name="note" label={t('exemplars.decisionNote')} extra={decision === 'selected' ? t('exemplars.decisionNoteHint') : undefined}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} placeholder={t('exemplars.decisionNotePlaceholder')} data-testid="decide-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
