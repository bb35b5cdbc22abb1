import { Space, Tag } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeCheck } from '@zx/domain/assessment/honour';
import type { RuleCheck } from '../api.ts';

/** The rule checks of a candidate: passed in green, failed in red, each with the value seen. */
export function RuleChecks({ checks, failedOnly = false, testId }: { checks: RuleCheck[]; failedOnly?: boolean; testId?: string }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const shown = failedOnly ? checks.filter((c) => !c.passed) : checks;
  return (
    <Space size={[4, 4]} wrap data-testid={testId}>
      {shown.map((c) => {
        const text = describeCheck(c);
        return (
          <Tag
            key={c.rule}
            color={c.passed ? 'green' : 'red'}
            icon={c.passed ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
            style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
            data-testid={`rule-${c.rule}-${c.passed ? 'pass' : 'fail'}`}
          >
            {en ? text.en : text.zh}
          </Tag>
        );
      })}
    </Space>
  );
}
