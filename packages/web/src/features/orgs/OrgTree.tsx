import { useEffect, useMemo, useRef, useState } from 'react';
import { Empty, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { OrgNode } from '../../api/types.ts';
import { fetchChildren, orgChildrenKey, pathIds, useOrgRoots } from './api.ts';
import { OrgSearchBox } from './OrgSearchBox.tsx';

interface Props {
  selectedId: number | null;
  onSelect: (id: number) => void;
  height: number;
}

type TreeHandle = { scrollTo: (arg: { key: React.Key; align?: 'top' | 'bottom' | 'auto' }) => void };

/** Lazily loaded organization tree with a pinyin-aware search that reveals the hit. */
export function OrgTree({ selectedId, onSelect, height }: Props) {
  const qc = useQueryClient();
  const roots = useOrgRoots();
  const [expanded, setExpanded] = useState<string[]>([]);
  const treeRef = useRef<TreeHandle>(null);

  const rootKeys = useMemo(() => (roots.data ?? []).map((n) => String(n.id)), [roots.data]);
  const opened = useRef(false);
  useEffect(() => {
    // Open the caller's root once, so the first level is visible on arrival.
    if (!opened.current && rootKeys.length) {
      opened.current = true;
      setExpanded((prev) => Array.from(new Set([...rootKeys, ...prev])));
    }
  }, [rootKeys]);
  // Expanded nodes' children are queries: invalidating ['orgs'] after a change refreshes the tree.
  const childQueries = useQueries({
    queries: expanded.map((k) => ({ queryKey: orgChildrenKey(k), queryFn: () => fetchChildren(k) })),
  });
  const childrenByKey = new Map<string, OrgNode[] | undefined>(expanded.map((k, i) => [k, childQueries[i]?.data]));

  const build = (nodes: OrgNode[], seen: Set<number>): TreeDataNode[] =>
    nodes.map((n) => {
      const kids = childrenByKey.get(String(n.id));
      return {
        key: String(n.id),
        isLeaf: !n.hasChildren,
        title: (
          <span data-testid={`org-node-${n.id}`} className={n.status !== 'active' ? 'zx-org-inactive' : undefined}>
            {n.name}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {n.subtreeMemberCount}
            </Typography.Text>
          </span>
        ),
        children: kids && !seen.has(n.id) ? build(kids, new Set(seen).add(n.id)) : undefined,
      };
    });
  const treeData = build(roots.data ?? [], new Set());

  const reveal = async (hit: OrgNode) => {
    const ids = pathIds(hit.path);
    const rootIdx = ids.findIndex((id) => rootKeys.includes(String(id)));
    const chain = (rootIdx >= 0 ? ids.slice(rootIdx) : ids).filter((id) => id !== hit.id).map(String);
    await Promise.all(chain.map((k) => qc.ensureQueryData({ queryKey: orgChildrenKey(k), queryFn: () => fetchChildren(k) })));
    setExpanded((prev) => Array.from(new Set([...prev, ...chain])));
    onSelect(hit.id);
    setTimeout(() => treeRef.current?.scrollTo({ key: String(hit.id), align: 'top' }), 120);
  };

  return (
    <div className="zx-tree-wrap">
      <OrgSearchBox onPick={(hit) => void reveal(hit)} />
      {roots.isPending ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div data-testid="org-tree" style={{ marginTop: 8 }}>
          <Tree
            ref={treeRef as never}
            blockNode
            height={height}
            treeData={treeData}
            expandedKeys={expanded}
            selectedKeys={selectedId != null ? [String(selectedId)] : []}
            onExpand={(keys) => setExpanded(keys.map(String))}
            loadData={(node) => qc.ensureQueryData({ queryKey: orgChildrenKey(String(node.key)), queryFn: () => fetchChildren(String(node.key)) }).then(() => undefined)}
            onSelect={(keys) => keys[0] !== undefined && onSelect(Number(keys[0]))}
          />
        </div>
      )}
    </div>
  );
}
