import { Tag } from 'antd';
import { useLabels } from '../../app/labels.ts';

const COLORS: Record<string, string> = { active: 'green', transferred_out: 'blue', aged_out: 'default', left: 'orange' };

export function MemberStatusTag({ status }: { status: string }) {
  const labels = useLabels();
  return <Tag color={COLORS[status] ?? 'default'}>{labels.memberStatus(status)}</Tag>;
}
