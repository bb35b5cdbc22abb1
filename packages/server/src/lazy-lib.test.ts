import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEAVY = ['sharp', 'pdfkit', 'fontkit', 'docx'];

describe('libraries loaded on first use', () => {
  it('leaves sharp, pdfkit, fontkit and docx unloaded when the app starts, and loads pdfkit for a PDF', () => {
    // A fresh process (vitest's workers have loaded what other tests used), with module hooks that
    // log every ES module it resolves; CommonJS loads show in require.cache.
    const dir = mkdtempSync(path.join(tmpdir(), 'zx-loads-'));
    const trace = path.join(dir, 'trace.txt');
    const hooks = pathToFileURL(path.join(serverDir, 'test/trace-loads.mjs')).href;
    const script = `
      const { readFileSync, writeFileSync } = require('node:fs');
      const loaded = () => {
        const files = [...Object.keys(require.cache), ...readFileSync(process.env.ZX_TRACE_FILE, 'utf8').split('\\n')];
        return ${JSON.stringify(HEAVY)}.filter((m) => files.some((f) => f.includes('/node_modules/' + m + '/')));
      };
      import('./src/app.ts').then(async () => {
        const atStart = loaded();
        const { certificatesPdf } = await import('./src/honours/certificates.ts');
        const { locatePdfFonts } = await import('./src/bulletins/pdf.ts');
        const pdf = locatePdfFonts() ? await certificatesPdf([{ name: '张三', kind: 'excellent_member', orgName: '一支部', issuerOrgName: '团市委', year: 2026, awardedOn: '2026-05-04', certificateNo: 'T-1', roundName: '测试' }], 't') : null;
        console.log(JSON.stringify({ atStart, afterPdf: loaded(), pdfBytes: pdf ? pdf.length : null }));
      });`;
    try {
      const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)});`;
      const stdout = execFileSync(process.execPath, ['--import', register, '--import', 'tsx', '-e', script], {
        cwd: serverDir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, ZX_TRACE_FILE: trace },
      });
      const out = JSON.parse(stdout.trim().split('\n').pop()!);
      // The trace works: the app's own modules and exceljs (loaded at start on purpose) are in it.
      expect(readFileSync(trace, 'utf8')).toContain('/node_modules/exceljs/');
      expect(out.atStart).toEqual([]);
      if (out.pdfBytes !== null) {
        expect(out.afterPdf).toEqual(expect.arrayContaining(['pdfkit', 'fontkit']));
        expect(out.pdfBytes).toBeGreaterThan(1000);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
