import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Empty, Form, Input, Row, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type ApiFieldError } from '../../api/client.ts';
import { applyNestedFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useOrgTypes } from '../../app/labels.ts';
import { fromValues, newPhase, newTask, toValues, useTemplateList, type TemplateRecord, type TemplateValues } from './api.ts';
import { TaskEditor } from './TaskEditor.tsx';

const PHASE_KEY = /^[a-z_]{2,40}$/;

/**
 * 活动模板: edit a template's phases (order, names, descriptions) and each phase's tasks (who does
 * them, what counts as evidence, when they are due). Campaigns already launched keep the version
 * they were launched with; only the top of the tree saves.
 */
export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const { data: templates, isPending } = useTemplateList();
  const [selected, setSelected] = useState<number | null>(null);
  const current = templates?.find((x) => x.id === selected) ?? templates?.[0];
  const en = i18n.language === 'en-US';

  return (
    <div data-testid="templates-page" style={{ maxWidth: 1200 }}>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('templates.title')}</h2>
        {templates && templates.length > 1 && (
          <Select
            style={{ minWidth: 240 }}
            value={current?.id}
            onChange={setSelected}
            options={templates.map((x) => ({ value: x.id, label: en ? x.nameEn : x.nameZh }))}
            data-testid="templates-select"
          />
        )}
      </div>
      <Alert type="info" showIcon title={t('templates.versionNote')} style={{ marginBottom: 16 }} data-testid="templates-version-note" />
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : !current ? (
        <Card>
          <Empty />
        </Card>
      ) : (
        <TemplateEditor key={current.id} template={current} />
      )}
    </div>
  );
}

/** Where a server field path points, in words: 「阶段 2 · 任务 1 · 代码」. */
function placeOf(field: string, t: (k: string, o?: Record<string, unknown>) => string) {
  const m = /^phases\.(\d+)(?:\.tasks\.(\d+))?/.exec(field);
  if (!m) return '';
  return [t('templates.phaseN', { n: Number(m[1]) + 1 }), m[2] !== undefined ? t('templates.taskN', { n: Number(m[2]) + 1 }) : null]
    .filter(Boolean)
    .join(' · ');
}

function TemplateEditor({ template }: { template: TemplateRecord }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useSession();
  const { data: orgTypes = [] } = useOrgTypes();
  const [form] = Form.useForm<TemplateValues>();
  const [problems, setProblems] = useState<ApiFieldError[]>([]);
  const [active, setActive] = useState(0);
  const errorsByPhase = useMemo(() => {
    const m = new Map<number, number>();
    for (const p of problems) {
      const hit = /^phases\.(\d+)/.exec(p.field);
      if (hit) m.set(Number(hit[1]), (m.get(Number(hit[1])) ?? 0) + 1);
    }
    return m;
  }, [problems]);
  /** Shows the phase holding a field, then scrolls to it. */
  const reveal = (name: (string | number)[]) => {
    if (name[0] === 'phases' && typeof name[1] === 'number') setActive(name[1]);
    setTimeout(() => form.scrollToField(name, { block: 'center' }), 50);
  };
  const initial = useMemo(() => toValues(template.definition), [template]);
  // Templates are deployment-wide: the server accepts edits only at the top of the tree.
  const readOnly = !!me.grant.orgPath && !/^\/\d+\/$/.test(me.grant.orgPath);
  const defaultTypes = orgTypes.filter((x) => x.holdsMembers).map((x) => x.code);

  useEffect(() => form.setFieldsValue(initial), [form, initial]);

  const save = useMutation({
    mutationFn: (v: TemplateValues) => api.PUT('/templates/{id}', { params: { path: { id: template.id } }, body: fromValues(v) }),
    onSuccess: (saved) => {
      setProblems([]);
      message.success(t('templates.saved'));
      qc.setQueryData<TemplateRecord[]>(['templates'], (old) => old?.map((x) => (x.id === saved.id ? saved : x)));
    },
    onError: (e) => {
      applyNestedFieldErrors(form, e, i18n.language, (name) => name[0] === 'nameZh' || name[0] === 'nameEn' || name[0] === 'phases');
      setProblems(isApiError(e) ? e.errors : []);
      if (isApiError(e) && e.errors[0]) reveal(e.errors[0].field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
      // The field errors are shown next to their fields and in the summary above.
      message.error(isApiError(e) ? e.text(i18n.language) : errorText(e, i18n.language));
    },
  });

  const actions = (where: 'top' | 'bottom') => (
    <Space wrap>
      <Button
        icon={<UndoOutlined />}
        onClick={() => {
          form.resetFields();
          form.setFieldsValue(initial);
          setProblems([]);
        }}
        data-testid={where === 'top' ? 'template-reset' : undefined}
      >
        {t('templates.discard')}
      </Button>
      <Button
        type="primary"
        icon={<SaveOutlined />}
        htmlType="submit"
        loading={save.isPending}
        data-testid={where === 'top' ? 'template-save' : 'template-save-bottom'}
      >
        {t('templates.save')}
      </Button>
    </Space>
  );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      onFinish={() => save.mutate(form.getFieldsValue(true))}
      onFinishFailed={({ errorFields }) => errorFields[0] && reveal(errorFields[0].name)}
    >
      {readOnly && <Alert type="warning" showIcon title={t('templates.readOnly')} style={{ marginBottom: 16 }} data-testid="templates-readonly-note" />}
      {!readOnly && <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>{actions('top')}</div>}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="template-errors"
          title={t('templates.errorsTitle', { n: problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p, i) => (
                <li key={i}>
                  {[placeOf(p.field, t), p.messages ? (i18n.language === 'en-US' ? p.messages.en : p.messages.zh) : p.message].filter(Boolean).join('：')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameZh"
              label={t('templates.templateNameZh')}
              rules={[{ required: true, whitespace: true, message: t('templates.nameRequired') }, { max: 60 }]}
            >
              <Input data-testid="template-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t('templates.templateNameEn')}
              rules={[{ required: true, whitespace: true, message: t('templates.nameRequired') }, { max: 120 }]}
            >
              <Input data-testid="template-name-en" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary">{t('templates.updatedAt', { at: template.updatedAt.slice(0, 16).replace('T', ' ') })}</Typography.Text>
      </Card>
      <Form.List name="phases">
        {(phases, { add, remove, move }) => (
          <Tabs
            activeKey={String(Math.min(active, phases.length - 1))}
            onChange={(k) => setActive(Number(k))}
            type="card"
            className="zx-template-phases"
            tabBarExtraContent={
              !readOnly && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    add(newPhase());
                    setActive(phases.length);
                  }}
                  data-testid="template-add-phase"
                >
                  {t('templates.addPhase')}
                </Button>
              )
            }
            items={phases.map((p, pi) => ({
              key: String(pi),
              forceRender: true,
              label: (
                <span data-testid={`template-phase-tab-${pi}`}>
                  <PhaseTitle form={form} index={pi} />
                  {errorsByPhase.get(pi) ? <Badge count={errorsByPhase.get(pi)} size="small" style={{ marginInlineStart: 6 }} /> : null}
                </span>
              ),
              children: (
                <Card
                  style={{ marginBottom: 16 }}
                  data-testid={`template-phase-${pi}`}
                  title={t('templates.phaseN', { n: pi + 1 })}
                  extra={
                    !readOnly && (
                      <Space size={0}>
                        <Button
                          type="text"
                          icon={<ArrowUpOutlined />}
                          disabled={pi === 0}
                          onClick={() => {
                            move(pi, pi - 1);
                            setActive(pi - 1);
                          }}
                          aria-label={t('templates.moveUp')}
                          title={t('templates.moveUp')}
                          data-testid={`template-phase-${pi}-up`}
                        />
                        <Button
                          type="text"
                          icon={<ArrowDownOutlined />}
                          disabled={pi === phases.length - 1}
                          onClick={() => {
                            move(pi, pi + 1);
                            setActive(pi + 1);
                          }}
                          aria-label={t('templates.moveDown')}
                          title={t('templates.moveDown')}
                          data-testid={`template-phase-${pi}-down`}
                        />
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={phases.length === 1}
                          onClick={() => {
                            remove(pi);
                            setActive(Math.max(0, pi - 1));
                          }}
                          aria-label={t('templates.removePhase')}
                          title={t('templates.removePhase')}
                          data-testid={`template-phase-${pi}-remove`}
                        />
                      </Space>
                    )
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={[p.name, 'key']}
                        label={t('templates.key')}
                        tooltip={t('templates.keyHint')}
                        rules={[
                          { required: true, message: t('templates.keyRequired') },
                          { pattern: PHASE_KEY, message: t('templates.phaseKeyRule') },
                        ]}
                      >
                        <Input className="zx-mono" data-testid={`template-phase-${pi}-key`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={[p.name, 'nameZh']}
                        label={t('templates.nameZh')}
                        rules={[{ required: true, whitespace: true, message: t('templates.nameRequired') }, { max: 40 }]}
                      >
                        <Input data-testid={`template-phase-${pi}-name-zh`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[p.name, 'nameEn']} label={t('templates.nameEn')} rules={[{ max: 80 }]}>
                        <Input data-testid={`template-phase-${pi}-name-en`} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[p.name, 'descriptionZh']} label={t('templates.description')} rules={[{ max: 2000 }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`template-phase-${pi}-description`} />
                  </Form.Item>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t('templates.tasks')}
                  </Typography.Title>
                  <Form.List name={[p.name, 'tasks']}>
                    {(tasks, ops) => (
                      <>
                        {tasks.map((task, ti) => (
                          <TaskEditor
                            key={task.key}
                            form={form}
                            phase={p.name}
                            task={task.name}
                            index={ti}
                            phaseIndex={pi}
                            readOnly={readOnly}
                            onRemove={() => ops.remove(ti)}
                          />
                        ))}
                        {!readOnly && (
                          <Button
                            type="dashed"
                            block
                            icon={<PlusOutlined />}
                            onClick={() => ops.add(newTask(defaultTypes))}
                            data-testid={`template-phase-${pi}-add-task`}
                          >
                            {t('templates.addTask')}
                          </Button>
                        )}
                      </>
                    )}
                  </Form.List>
                </Card>
              ),
            }))}
          />
        )}
      </Form.List>
      {!readOnly && <div style={{ marginBottom: 24 }}>{actions('bottom')}</div>}
    </Form>
  );
}

function PhaseTitle({ form, index }: { form: ReturnType<typeof Form.useForm<TemplateValues>>[0]; index: number }) {
  const { t } = useTranslation();
  const name = Form.useWatch(['phases', index, 'nameZh'], form);
  return <span>{name ? `${index + 1}. ${name}` : t('templates.phaseN', { n: index + 1 })}</span>;
}
