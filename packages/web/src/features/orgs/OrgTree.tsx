import { useEffect, useMemo, useRef, useState } from 'react';
import { Empty, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { OrgNode } from '../../api/types.ts';
import { fetchChildren, orgChildrenKey, pathIds, useOrgRoots } from './api.ts';
import { OrgSearchBox } from './OrgSearchBox.tsx';

interface Props {
  selectedId: number | null;
  /** Materialized path of the selected organization, once known. */
  selectedPath?: string;
  onSelect: (id: number) => void;
  height: number;
}

type TreeHandle = { scrollTo: (arg: { key: React.Key; align?: 'top' | 'bottom' | 'auto' }) => void };

/** Lazily loaded organization tree with a pinyin-aware search that reveals the hit. */
export function OrgTree({ selectedId, selectedPath, onSelect, height }: Props) {
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

  /** Opens every ancestor of a node (loading their children) and scrolls it into view. */
  const expandTo = async (path: string, id: number) => {
    if (!rootKeys.length) return;
    const ids = pathIds(path);
    const rootIdx = ids.findIndex((x) => rootKeys.includes(String(x)));
    if (rootIdx < 0) return;
    const chain = ids
      .slice(rootIdx)
      .filter((x) => x !== id)
      .map(String);
    const missing = chain.filter((k) => !expanded.includes(k));
    if (missing.length === 0) return;
    await Promise.all(chain.map((k) => qc.ensureQueryData({ queryKey: orgChildrenKey(k), queryFn: () => fetchChildren(k) })));
    setExpanded((prev) => Array.from(new Set([...prev, ...chain])));
    setTimeout(() => treeRef.current?.scrollTo({ key: String(id), align: 'top' }), 120);
  };

  // A node chosen outside the tree (search, children table, ancestors, a new child) is revealed.
  useEffect(() => {
    if (selectedId != null && selectedPath) void expandTo(selectedPath, selectedId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, selectedPath, rootKeys]);

  const reveal = (hit: OrgNode) => {
    onSelect(hit.id);
    void expandTo(hit.path, hit.id);
  };

  return (
    <div className="zx-tree-wrap">
      <OrgSearchBox onPick={reveal} />
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
            loadData={(node) =>
              qc.ensureQueryData({ queryKey: orgChildrenKey(String(node.key)), queryFn: () => fetchChildren(String(node.key)) }).then(() => undefined)
            }
            onSelect={(keys) => keys[0] !== undefined && onSelect(Number(keys[0]))}
          />
        </div>
      )}
    </div>
  );
}
