import { Button, Card, Col, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS } from '@zx/domain/campaign/activity-types';
import { useLabels } from '../../app/labels.ts';
import type { TemplateValues } from './api.ts';

export const EVIDENCE_KINDS = ['plan_approved', 'activities', 'report_submitted', 'self_assessment_verified', 'confirmation'] as const;
export const TASK_KEY = /^[a-z0-9_]{2,60}$/;

interface Props {
  form: FormInstance<TemplateValues>;
  phase: number;
  task: number;
  /** Position shown to the user (1-based) and used in test ids. */
  index: number;
  phaseIndex: number;
  readOnly: boolean;
  onRemove: () => void;
}

/** One task of a phase: names, who does it, what counts as evidence, when it is due. */
export function TaskEditor({ form, phase, task, index, phaseIndex, readOnly, onRemove }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const evidence = Form.useWatch(['phases', phase, 'tasks', task, 'evidence'], form);
  const due = Form.useWatch(['phases', phase, 'tasks', task, 'due'], form);
  const kind = evidence?.kind;
  const activityType = evidence?.activityType;
  const dueKind = due?.kind;
  const id = `template-task-${phaseIndex}-${index}`;
  const named = (x: { nameZh: string; nameEn: string }) => (labels.en ? x.nameEn : x.nameZh);

  return (
    <Card
      size="small"
      type="inner"
      style={{ marginBottom: 12 }}
      title={t('templates.taskN', { n: index + 1 })}
      extra={
        !readOnly && (
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('templates.removeTask')} data-testid={`${id}-remove`} />
        )
      }
      data-testid={id}
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name={[task, 'key']}
            label={t('templates.key')}
            tooltip={t('templates.keyHint')}
            rules={[
              { required: true, message: t('templates.keyRequired') },
              { pattern: TASK_KEY, message: t('templates.taskKeyRule') },
            ]}
          >
            <Input className="zx-mono" data-testid={`${id}-key`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[task, 'nameZh']}
            label={t('templates.nameZh')}
            rules={[{ required: true, whitespace: true, message: t('templates.nameRequired') }, { max: 80 }]}
          >
            <Input data-testid={`${id}-name-zh`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[task, 'nameEn']} label={t('templates.nameEn')} rules={[{ max: 160 }]}>
            <Input data-testid={`${id}-name-en`} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[task, 'descriptionZh']} label={t('templates.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} data-testid={`${id}-description`} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={[task, 'orgTypes']} label={t('templates.orgTypes')} rules={[{ required: true, message: t('templates.orgTypesRequired') }]}>
            <Select mode="multiple" options={labels.types.map((x) => ({ value: x.code, label: named(x) }))} data-testid={`${id}-org-types`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[task, 'evidence', 'kind']} label={t('templates.evidence')} rules={[{ required: true }]}>
            <Select options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`templates.evidenceKind.${k}`) }))} data-testid={`${id}-evidence-kind`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[task, 'due', 'kind']} label={t('templates.due')} rules={[{ required: true }]}>
            <Select
              options={(['phase_end', 'days_after_start'] as const).map((k) => ({ value: k, label: t(`templates.dueKind.${k}`) }))}
              data-testid={`${id}-due-kind`}
            />
          </Form.Item>
        </Col>
      </Row>
      {(kind === 'activities' || dueKind === 'days_after_start') && (
        <Row gutter={12}>
          {kind === 'activities' && (
            <>
              <Col xs={24} md={6}>
                <Form.Item
                  name={[task, 'evidence', 'activityType']}
                  label={t('templates.activityType')}
                  rules={[{ required: true, message: t('templates.activityTypeRequired') }]}
                >
                  <Select options={ACTIVITY_TYPES.map((x) => ({ value: x.code, label: named(x) }))} data-testid={`${id}-activity-type`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name={[task, 'evidence', 'form']} label={t('templates.educationForm')}>
                  <Select
                    allowClear
                    disabled={activityType !== 'party_education'}
                    placeholder={activityType === 'party_education' ? t('templates.anyForm') : t('templates.formOnlyParty')}
                    options={PARTY_EDUCATION_FORMS.map((x) => ({ value: x.code, label: named(x) }))}
                    data-testid={`${id}-form`}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[task, 'evidence', 'min']} label={t('templates.minCount')} rules={[{ required: true, message: t('templates.minRequired') }]}>
                  <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} suffix={t('templates.times')} data-testid={`${id}-min`} />
                </Form.Item>
              </Col>
            </>
          )}
          {dueKind === 'days_after_start' && (
            <Col xs={12} md={{ span: 6, offset: kind === 'activities' ? 0 : 18 }}>
              <Form.Item name={[task, 'due', 'days']} label={t('templates.dueDays')} rules={[{ required: true, message: t('templates.dueDaysRequired') }]}>
                <InputNumber min={0} max={366} precision={0} style={{ width: '100%' }} suffix={t('templates.days')} data-testid={`${id}-due-days`} />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}
