import type { OrgNodeRow } from './repository.ts';

export const presentOrgNode = (r: OrgNodeRow) => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  code: r.code,
  typeCode: r.type_code,
  depth: r.depth,
  path: r.path,
  status: r.status,
  hasChildren: !!r.has_children,
  directMemberCount: r.direct_member_count,
  subtreeMemberCount: r.subtree_member_count,
  foundedOn: r.founded_on,
  responsiblePerson: r.responsible_person,
  contactPhoneMasked: r.contact_phone_masked,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export type OrgNodeDto = ReturnType<typeof presentOrgNode>;
