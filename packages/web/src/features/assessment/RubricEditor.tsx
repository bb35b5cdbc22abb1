import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiFieldError } from '../../api/client.ts';
import { applyNestedFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useOrgTypes } from '../../app/labels.ts';
import { useRubrics, useSaveRubric, type Rubric, type RubricRecord, type TierCode } from './api.ts';

const TIERS: TierCode[] = ['star5', 'star4', 'star3', 'lagging', 'weak'];
const TITLES = ['standard', 'four_good', 'distinctive', 'red_flag'] as const;
const isRoot = (path?: string) => !!path && /^\/\d+\/$/.test(path);
const newKey = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 7)}`;

/**
 * 考评标准: dimensions and items with points and evidence hints, one-vote-veto items, score
 * bands, eligibility, caps, the 团总支 rule and the title ladder. Shared by the deployment: only
 * the top of the tree saves; the server answers field by field.
 */
export function RubricEditor() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { data, isPending } = useRubrics();
  const [id, setId] = useState<number | null>(null);
  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (!data?.length)
    return (
      <Card>
        <Empty />
      </Card>
    );
  const current = data.find((r) => r.id === id) ?? data[0];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="rubric-editor">
      {data.length > 1 && (
        <Select
          value={current.id}
          onChange={setId}
          style={{ minWidth: 320 }}
          options={data.map((r) => ({ value: r.id, label: `${r.nameZh}（${r.key}）` }))}
          data-testid="rubric-pick"
        />
      )}
      <Typography.Text type="secondary">{t('assessment.rubricHint')}</Typography.Text>
      {isMobile && <Alert type="info" showIcon message={t('assessment.rubricDesktop')} />}
      <RubricForm key={`${current.id}:${current.updatedAt}`} record={current} />
    </Space>
  );
}

function RubricForm({ record }: { record: RubricRecord }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const types = useOrgTypes();
  const [form] = Form.useForm<Rubric>();
  const save = useSaveRubric();
  const [problems, setProblems] = useState<ApiFieldError[]>([]);
  const editable = me.permissions.includes('rubric.write') && isRoot(me.grant.orgPath);
  const dims = Form.useWatch('dimensions', form) as Rubric['dimensions'] | undefined;
  const sum = (dims ?? []).reduce((s, d) => s + (d?.items ?? []).reduce((x, i) => x + (Number(i?.points) || 0), 0), 0);

  const submit = (values: Rubric) => {
    const merged = { ...record.definition, ...values };
    const rubric = { nameZh: merged.nameZh, nameEn: merged.nameEn, dimensions: merged.dimensions, vetoes: merged.vetoes, settings: merged.settings };
    save.mutate(
      { id: record.id, rubric },
      {
        onSuccess: () => {
          setProblems([]);
          message.success(t('assessment.rubricSaved'));
        },
        onError: (e) => {
          applyNestedFieldErrors(form, e, i18n.language, (name) => ['nameZh', 'nameEn', 'dimensions', 'vetoes', 'settings'].includes(String(name[0])));
          setProblems(isApiError(e) ? e.errors : []);
          message.error(isApiError(e) ? e.text(i18n.language) : errorText(e, i18n.language));
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" initialValues={record.definition} onFinish={submit} disabled={!editable} data-testid="rubric-form">
      {!editable && <Alert type="info" showIcon message={t('assessment.rubricReadOnly')} style={{ marginBottom: 12 }} />}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="rubric-problems"
          message={t('assessment.rubricProblems')}
          description={
            <ul className="zx-reasons">
              {problems.map((p, n) => (
                <li key={n}>{p.messages ? (i18n.language === 'en-US' ? p.messages.en : p.messages.zh) : p.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card
        size="small"
        title={t('assessment.rubricBasics')}
        extra={
          <Typography.Text strong data-testid="rubric-sum">
            {t('assessment.rubricSum', { n: sum })}
          </Typography.Text>
        }
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="nameZh" label={t('assessment.nameZh')}>
              <Input data-testid="rubric-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('assessment.nameEn')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Form.List name="dimensions">
        {(dimFields, dimOps) => (
          <>
            {dimFields.map((df) => (
              <Card
                key={df.key}
                size="small"
                style={{ marginTop: 12 }}
                data-testid={`rubric-dim-${df.name}`}
                title={
                  <Space wrap>
                    <Form.Item name={[df.name, 'nameZh']} noStyle>
                      <Input style={{ width: 180 }} placeholder={t('assessment.dimensionName')} />
                    </Form.Item>
                    <Form.Item name={[df.name, 'nameEn']} noStyle>
                      <Input style={{ width: 180 }} placeholder="English" />
                    </Form.Item>
                    <Form.Item name={[df.name, 'key']} noStyle>
                      <Input style={{ width: 120 }} placeholder="key" />
                    </Form.Item>
                  </Space>
                }
                extra={<Button danger type="text" icon={<DeleteOutlined />} onClick={() => dimOps.remove(df.name)} aria-label={t('assessment.remove')} />}
              >
                <Form.List name={[df.name, 'items']}>
                  {(itemFields, itemOps) => (
                    <>
                      {itemFields.map((f) => (
                        <Row key={f.key} gutter={8} align="top" data-testid={`rubric-item-${df.name}-${f.name}`}>
                          <Col xs={24} md={7}>
                            <Form.Item name={[f.name, 'textZh']} label={t('assessment.itemText')}>
                              <Input.TextArea autoSize />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={6}>
                            <Form.Item name={[f.name, 'textEn']} label="English">
                              <Input.TextArea autoSize />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={3}>
                            <Form.Item name={[f.name, 'points']} label={t('assessment.itemPoints')}>
                              <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} data-testid={`rubric-points-${df.name}-${f.name}`} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={3}>
                            <Form.Item name={[f.name, 'key']} label="key">
                              <Input />
                            </Form.Item>
                          </Col>
                          <Col xs={22} md={4}>
                            <Form.Item name={[f.name, 'evidenceHintZh']} label={t('assessment.evidenceHint')}>
                              <Input.TextArea autoSize />
                            </Form.Item>
                          </Col>
                          <Col xs={2} md={1}>
                            <Button
                              danger
                              type="text"
                              icon={<DeleteOutlined />}
                              style={{ marginTop: 30 }}
                              onClick={() => itemOps.remove(f.name)}
                              aria-label={t('assessment.remove')}
                            />
                          </Col>
                        </Row>
                      ))}
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => itemOps.add({ key: newKey('item'), textZh: '', textEn: '', points: 5, evidenceHintZh: '', evidenceHintEn: '' })}
                      >
                        {t('assessment.addItem')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>
            ))}
            <Button style={{ marginTop: 12 }} icon={<PlusOutlined />} onClick={() => dimOps.add({ key: newKey('dim'), nameZh: '', nameEn: '', items: [] })}>
              {t('assessment.addDimension')}
            </Button>
          </>
        )}
      </Form.List>

      <Card size="small" title={t('assessment.vetoes')} style={{ marginTop: 12 }}>
        <Form.List name="vetoes">
          {(fields, ops) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8}>
                  <Col xs={24} md={11}>
                    <Form.Item name={[f.name, 'textZh']}>
                      <Input placeholder={t('assessment.itemText')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[f.name, 'textEn']}>
                      <Input placeholder="English" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={4}>
                    <Form.Item name={[f.name, 'key']}>
                      <Input placeholder="key" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Button danger type="text" icon={<DeleteOutlined />} onClick={() => ops.remove(f.name)} aria-label={t('assessment.remove')} />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => ops.add({ key: newKey('veto'), textZh: '', textEn: '' })}>
                {t('assessment.addVeto')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t('assessment.rules')} style={{ marginTop: 12 }}>
        <Row gutter={12}>
          <Col xs={12} md={4}>
            <Form.Item name={['settings', 'totalPoints']} label={t('assessment.totalPoints')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(['star5', 'star4', 'star3', 'lagging'] as const).map((k) => (
            <Col key={k} xs={12} md={4}>
              <Form.Item name={['settings', 'bands', k]} label={t('assessment.bandMin', { tier: t(`assessment.tier.${k}`) })}>
                <InputNumber min={0} style={{ width: '100%' }} data-testid={`rubric-band-${k}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name={['settings', 'minAgeMonths']} label={t('assessment.minAge')}>
              <InputNumber min={0} max={120} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['settings', 'topTierMinAgeMonths']} label={t('assessment.topAge')}>
              <InputNumber min={0} max={120} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['settings', 'unknownFoundedOn']} label={t('assessment.unknownFounded')}>
              <Radio.Group
                options={[
                  { value: 'eligible', label: t('assessment.unknownEligible') },
                  { value: 'ineligible', label: t('assessment.unknownIneligible') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['settings', 'generalBranchTypes']} label={t('assessment.generalBranchTypes')}>
          <Select mode="multiple" options={(types.data ?? []).map((x) => ({ value: x.code, label: i18n.language === 'en-US' ? x.nameEn : x.nameZh }))} />
        </Form.Item>
        <Typography.Text strong>{t('assessment.caps')}</Typography.Text>
        <Form.List name={['settings', 'caps']}>
          {(fields, ops) => (
            <div style={{ margin: '8px 0 16px' }}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'tier']}>
                    <Select style={{ width: 120 }} options={(['star5', 'star4'] as const).map((k) => ({ value: k, label: t(`assessment.tier.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxPercent']}>
                    <InputNumber min={1} max={100} suffix="%" />
                  </Form.Item>
                  <Button danger type="text" icon={<DeleteOutlined />} onClick={() => ops.remove(f.name)} aria-label={t('assessment.remove')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => ops.add({ tier: 'star5', maxPercent: 20 })} data-testid="rubric-add-cap">
                {t('assessment.addCap')}
              </Button>
            </div>
          )}
        </Form.List>
        <Typography.Text strong>{t('assessment.ladder')}</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          <Col xs={24} md={6}>
            <Form.Item name={['settings', 'ladder', 'requirePrevious']} label={t('assessment.requirePrevious')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {TITLES.map((k) => (
            <Col key={k} xs={12} md={4}>
              <Form.Item name={['settings', 'ladder', 'minTier', k]} label={t('assessment.titleNeeds', { title: t(`assessment.title.${k}`) })}>
                <Select options={TIERS.map((x) => ({ value: x, label: t(`assessment.tier.${x}`) }))} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
      {editable && (
        <div className="zx-sheet-bar">
          <Typography.Text strong className="zx-sheet-bar-total">
            {t('assessment.rubricSum', { n: sum })}
          </Typography.Text>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue(record.definition);
              setProblems([]);
            }}
          >
            {t('assessment.discard')}
          </Button>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="rubric-save">
            {t('assessment.saveRubric')}
          </Button>
        </div>
      )}
    </Form>
  );
}
