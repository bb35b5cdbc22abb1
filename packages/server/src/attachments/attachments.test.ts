import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { runMaintenance } from '../jobs/maintenance.ts';
import { attachmentsUsable, presentAttachments } from './service.ts';

let t: TestApp;
let tree: Tree;
let district: TestClient;
let committee: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let inspector: TestClient;
let auditor: TestClient;

/** A 400×200 red JPEG the camera says to show turned 90° clockwise, with GPS and a camera make. */
async function cameraJpeg() {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'TestCam', Model: 'Phone 1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 17/1' },
      },
    })
    .toBuffer();
}

const upload = (c: TestClient, orgId: number, kind: string, file: { name: string; content: Buffer; type?: string }) =>
  c.request('POST', '/api/v1/attachments', new FormDataBody(file, { orgId: String(orgId), kind }));

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sibling = await t.loginAs('branch_secretary', tree.bA1b);
  inspector = await t.loginAs('inspector', tree.cA1);
  auditor = await t.loginAs('audit_admin', tree.city);
});
afterAll(() => t?.close());

describe('photos', () => {
  let photo: { id: number; url: string; thumbUrl: string; width: number; height: number; size: number; mime: string; name: string };

  it('stores a phone photo turned upright, without EXIF or GPS, with a thumbnail', async () => {
    const original = await cameraJpeg();
    expect((await sharp(original).metadata()).exif?.toString('latin1')).toContain('TestCam');
    const res = await upload(secretary, tree.bA1a.id, 'photo', { name: 'IMG_0001.JPG', content: original, type: 'image/jpeg' });
    expect(res.status).toBe(201);
    photo = res.body;
    expect(photo).toMatchObject({
      name: 'IMG_0001.JPG',
      mime: 'image/jpeg',
      kind: 'photo',
      width: 200,
      height: 400,
      url: `/api/v1/attachments/${photo.id}`,
      thumbUrl: `/api/v1/attachments/${photo.id}/thumb`,
    });

    const file = await secretary.get(photo.url);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-disposition'])).toContain('IMG_0001.JPG');
    expect(file.raw.length).toBe(photo.size);
    const meta = await sharp(file.raw).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 400 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(file.raw.toString('latin1')).not.toContain('TestCam');
    // The red side is still red after the turn (pixels, not a flag, carry the orientation).
    const { data } = await sharp(file.raw).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(150);

    const thumb = await secretary.get(photo.thumbUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const tm = await sharp(thumb.raw).metadata();
    expect(tm).toMatchObject({ format: 'webp', width: 160, height: 320 });
    expect(tm.exif).toBeUndefined();
  });

  it('caps the long edge at 2560 px and names a photo after what it was re-encoded as', async () => {
    const big = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const res = await upload(secretary, tree.bA1a.id, 'photo', { name: '截图.jpg', content: big, type: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mime: 'image/png', name: '截图.png', width: 2560, height: 853 });
  });

  it('refuses a .jpg that is really text or a program, and says why in both languages', async () => {
    const text = await upload(secretary, tree.bA1a.id, 'photo', {
      name: 'photo.jpg',
      content: Buffer.from('just some text, not a picture'),
      type: 'image/jpeg',
    });
    expect(text.status).toBe(422);
    expect(text.body.code).toBe('ATTACHMENT_TYPE_REFUSED');
    expect(text.body.messages.zh).toContain('JPG');
    expect(text.body.messages.en).toContain('JPEG');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
    exe.writeUInt32LE(64, 0x3c);
    const asPhoto = await upload(secretary, tree.bA1a.id, 'photo', { name: 'photo.jpg', content: exe, type: 'image/jpeg' });
    expect(asPhoto.status).toBe(422);
    const asFile = await upload(secretary, tree.bA1a.id, 'file', { name: 'photo.jpg', content: exe, type: 'image/jpeg' });
    expect(asFile.status).toBe(422);
    expect(asFile.body.code).toBe('ATTACHMENT_TYPE_REFUSED');
    // Text named like a picture is refused as a file too: the name must agree with the content.
    expect((await upload(secretary, tree.bA1a.id, 'file', { name: 'photo.jpg', content: Buffer.from('hello') })).status).toBe(422);
  });

  it('refuses a photo over 10 MB and a file over 20 MB with 413', async () => {
    const noise = Buffer.alloc(11 * 1024 * 1024, 'a');
    const photoRes = await upload(secretary, tree.bA1a.id, 'photo', {
      name: 'big.jpg',
      content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise]),
    });
    expect(photoRes.status).toBe(413);
    expect(photoRes.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(photoRes.body.messages).toEqual({ zh: '照片不能超过 10 MB', en: 'A photo must not exceed 10 MB' });
    const fileRes = await upload(secretary, tree.bA1a.id, 'file', { name: 'big.txt', content: Buffer.alloc(21 * 1024 * 1024, 'a') });
    expect(fileRes.status).toBe(413);
    expect(fileRes.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(fileRes.body.messages.en).toContain('20 MB');
  });
});

describe('files', () => {
  it('accepts documents and plain text by content, with the type they really are', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const res = await upload(secretary, tree.bA1a.id, 'file', { name: '活动方案.pdf', content: pdf, type: 'application/octet-stream' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '活动方案.pdf', mime: 'application/pdf', kind: 'file', thumbUrl: null, width: null });
    const dl = await secretary.get(res.body.url);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;.*filename\*=UTF-8''%E6%B4%BB/);
    expect((await secretary.get(`${res.body.url}/thumb`)).status).toBe(404);

    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x0a]); // "中文\n" in GB18030
    const txt = await upload(secretary, tree.bA1a.id, 'file', { name: '记录.txt', content: gbk, type: 'text/plain' });
    expect(txt.status).toBe(201);
    expect(txt.body.mime).toBe('text/plain; charset=gb18030');

    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    const doc = await upload(secretary, tree.bA1a.id, 'file', { name: '旧版.doc', content: ole });
    expect(doc.status).toBe(201);
    expect(doc.body.mime).toBe('application/msword');
  });

  it('strips EXIF from a picture uploaded as a file as well', async () => {
    const res = await upload(secretary, tree.bA1a.id, 'file', { name: 'scan.jpg', content: await cameraJpeg() });
    expect(res.status).toBe(201);
    expect((await sharp((await secretary.get(res.body.url)).raw).metadata()).exif).toBeUndefined();
  });

  it('needs orgId and kind before the file, as field errors', async () => {
    const res = await secretary.request('POST', '/api/v1/attachments', new FormDataBody({ name: 'a.txt', content: Buffer.from('x') }, { kind: 'video' }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'orgId']);
  });
});

describe('scope', () => {
  const before = () =>
    t.ctx.db
      .selectFrom('attachment')
      .select('id')
      .execute()
      .then((r) => r.length);

  it('refuses an upload for an organization outside the scope with 404, and a role without a writing permission with 403', async () => {
    const n = await before();
    const txt = { name: 'a.txt', content: Buffer.from('hello') };
    for (const org of [tree.bA1b, tree.cA1, tree.bB1a]) expect((await upload(secretary, org.id, 'file', txt)).status).toBe(404);
    expect((await upload(committee, tree.bA2a.id, 'file', txt)).status).toBe(404);
    expect((await upload(auditor, tree.bA1a.id, 'file', txt)).status).toBe(403);
    expect((await upload(inspector, tree.bA1a.id, 'file', txt)).status).toBe(201);
    expect(await before()).toBe(n + 1);
  });

  it('lets higher units read what their subtree uploaded, and nobody else', async () => {
    const own = (await upload(secretary, tree.bA1a.id, 'file', { name: 'own.txt', content: Buffer.from('own') })).body;
    const above = (await upload(committee, tree.cA1.id, 'file', { name: 'above.txt', content: Buffer.from('above') })).body;
    expect((await committee.get(own.url)).status).toBe(200);
    expect((await district.get(own.url)).status).toBe(200);
    expect((await sibling.get(own.url)).status).toBe(404);
    expect((await sibling.get(`${own.url}/thumb`)).status).toBe(404);
    // A unit does not read its parent's files.
    expect((await secretary.get(above.url)).status).toBe(404);
    expect((await auditor.get(own.url)).status).toBe(403);
    expect((await secretary.get('/api/v1/attachments/999999')).status).toBe(404);
  });
});

describe('uploads with a member account', () => {
  const txt = (n: number) => ({ name: `佐证${n}.txt`, content: Buffer.from(`第 ${n} 份佐证材料`), type: 'text/plain' });

  it('refuses a plain member (no file to attach anywhere) with 403 and stores nothing', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { name: '普通团员' });
    const member = await t.loginAs('member', tree.bA1a, { memberId: m.id });
    const before = await t.ctx.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await upload(member, tree.bA1a.id, 'file', txt(0));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('UPLOAD_CADRES_ONLY');
    expect(
      await t.ctx.db
        .selectFrom('attachment')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
  });

  it('lets a serving cadre upload under their own organization and open the file, at most 50 a day', async () => {
    const m = await createMember(t.ctx, tree.bA1b, { name: '组织委员', position: 'organization_member' });
    const cadre = await t.loginAs('member', tree.bA1b, { memberId: m.id });
    expect((await upload(cadre, tree.bA1a.id, 'file', txt(0))).status, 'another organization').toBe(404);
    const first = await upload(cadre, tree.bA1b.id, 'file', txt(1));
    expect(first.status).toBe(201);
    const got = await cadre.get(first.body.url);
    expect(got.status).toBe(200);
    expect(got.raw.toString()).toBe('第 1 份佐证材料');
    // Someone else's file of the same branch stays closed to them.
    const other = await upload(secretary, tree.bA1a.id, 'file', txt(99));
    expect((await cadre.get(other.body.url)).status).toBe(404);
    for (let n = 2; n <= 50; n++) expect((await upload(cadre, tree.bA1b.id, 'file', txt(n))).status).toBe(201);
    const over = await upload(cadre, tree.bA1b.id, 'file', txt(51));
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('UPLOAD_DAILY_LIMIT');
  });
});

describe('server functions', () => {
  it('attachmentsUsable refuses files the actor cannot read (404) and readable files of another unit (422); presentAttachments keeps their order', async () => {
    const a = (await upload(secretary, tree.bA1a.id, 'file', { name: 'a.txt', content: Buffer.from('aaa') })).body;
    const b = (await upload(sibling, tree.bA1b.id, 'photo', { name: 'b.jpg', content: await cameraJpeg() })).body;
    const actor = {
      userId: 1,
      username: 'x',
      displayName: 'x',
      memberId: null,
      sessionId: 's',
      ip: null,
      grant: { id: 1, role: 'org_admin' as const, orgId: tree.cA1.id, orgPath: tree.cA1.path, orgName: '' },
    };
    await expect(attachmentsUsable(t.ctx.db, actor, [a.id, b.id], tree.cA1)).resolves.toBeUndefined();
    await expect(attachmentsUsable(t.ctx.db, actor, [a.id, b.id], tree.bA1a)).rejects.toMatchObject({
      status: 422,
      fieldErrors: [{ field: 'attachmentIds', code: 'ATTACHMENT_NOT_USABLE' }],
    });
    await expect(attachmentsUsable(t.ctx.db, actor, [999999, a.id], tree.cA1)).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      fieldErrors: [{ field: 'attachmentIds.0', code: 'NOT_FOUND' }],
    });
    const branchActor = { ...actor, grant: { ...actor.grant, role: 'branch_secretary' as const, orgId: tree.bA1a.id, orgPath: tree.bA1a.path } };
    // 高一(2)班's photo is outside 高一(1)班's subtree: not found for its secretary, whichever unit the file is for.
    await expect(attachmentsUsable(t.ctx.db, branchActor, [a.id, b.id], tree.bA1a)).rejects.toMatchObject({
      status: 404,
      fieldErrors: [{ field: 'attachmentIds.1', code: 'NOT_FOUND' }],
    });
    // A member (no subtree) reaches only what they uploaded themself.
    const memberActor = { ...branchActor, grant: { ...branchActor.grant, role: 'member' as const } };
    await expect(attachmentsUsable(t.ctx.db, memberActor, [a.id], tree.bA1a)).rejects.toMatchObject({ status: 404 });
    await expect(attachmentsUsable(t.ctx.db, actor, [a.id], tree.cA1, { field: 'photoIds', kind: 'photo' })).rejects.toMatchObject({
      fieldErrors: [{ field: 'photoIds' }],
    });
    expect((await presentAttachments(t.ctx.db, [b.id, 999999, a.id])).map((x) => x.id)).toEqual([b.id, a.id]);
  });
});

describe('maintenance', () => {
  it('keeps a stored spreadsheet whose bytes are also an attachment', async () => {
    const content = Buffer.from('a roster kept as a plain-text attachment\n');
    const att = (await upload(secretary, tree.bA1a.id, 'file', { name: 'keep.txt', content })).body;
    const row = await t.ctx.db.selectFrom('attachment').select('hash').where('id', '=', att.id).executeTakeFirstOrThrow();
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await t.ctx.db.insertInto('stored_file').values({ hash: row.hash, size: content.length, mime: 'text/plain', created_at: old }).execute();
    const orphan = await t.ctx.files.put(Readable.from(Buffer.from('an old import nobody references')), 1000);
    await t.ctx.db.insertInto('stored_file').values({ hash: orphan.hash, size: orphan.size, mime: 'text/plain', created_at: old }).execute();
    await runMaintenance(t.ctx, Date.now());
    expect(existsSync(t.ctx.files.localPath(row.hash))).toBe(true);
    expect(existsSync(t.ctx.files.localPath(orphan.hash))).toBe(false);
    expect((await secretary.get(att.url)).raw.equals(content)).toBe(true);
  });
});
