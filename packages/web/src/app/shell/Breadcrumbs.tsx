import { Breadcrumb } from 'antd';
import { Link, useMatches } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RouteHandle } from './routeHandle.ts';

export function Breadcrumbs() {
  const matches = useMatches();
  const { t } = useTranslation();
  const crumbs = matches.filter((m) => (m.handle as RouteHandle | undefined)?.crumb);
  const items = crumbs.map((m, i) => {
    const label = t((m.handle as RouteHandle).crumb);
    const last = i === crumbs.length - 1;
    return { key: m.id, title: last ? label : <Link to={m.pathname}>{label}</Link> };
  });
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} data-testid="breadcrumbs" />;
}
