import { Button, InputNumber, Space } from 'antd';
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';

/** A score in half points between 0 and `max`: big −/+ buttons around the number, for a thumb on a phone. */
export function ScoreStepper({
  itemKey: key,
  value,
  max,
  onChange,
  testid,
}: {
  itemKey: string;
  value: number | null;
  max: number;
  onChange: (v: number) => void;
  testid: string;
}) {
  return (
    <Space.Compact className="zx-stepper">
      <Button
        icon={<MinusOutlined />}
        size="large"
        aria-label="-0.5"
        onClick={() => onChange(Math.max(0, (value ?? 0) - 0.5))}
        data-testid={`${testid}-minus-${key}`}
      />
      <InputNumber
        size="large"
        min={0}
        max={max}
        step={0.5}
        value={value}
        onChange={(v) => onChange(typeof v === 'number' ? v : 0)}
        controls={false}
        style={{ width: 72, textAlign: 'center' }}
        data-testid={`${testid}-${key}`}
      />
      <Button
        icon={<PlusOutlined />}
        size="large"
        aria-label="+0.5"
        onClick={() => onChange(Math.min(max, (value ?? 0) + 0.5))}
        data-testid={`${testid}-plus-${key}`}
      />
    </Space.Compact>
  );
}
