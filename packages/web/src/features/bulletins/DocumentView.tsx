import { bulletinBlocks, type BulletinDocumentInput } from '@zx/domain';
import './bulletins.css';

/**
 * The bulletin as it prints: the same blocks the server turns into the .docx and the PDF
 * (`bulletinBlocks` in @zx/domain), so what an editor sees is what the document says.
 */
export function DocumentView({ doc }: { doc: BulletinDocumentInput }) {
  const blocks = bulletinBlocks(doc);
  return (
    <article className="zx-doc" data-testid="bulletin-document" lang="zh-CN">
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'issuer':
            return (
              <div key={i} className="zx-doc-issuer">
                {b.text}
              </div>
            );
          case 'number':
            return (
              <div key={i} className="zx-doc-number" data-testid="bulletin-doc-number">
                {b.text}
              </div>
            );
          case 'rule':
            return <hr key={i} className="zx-doc-rule" />;
          case 'title':
            return (
              <h1 key={i} className="zx-doc-title" data-testid="bulletin-doc-title">
                {b.text}
              </h1>
            );
          case 'addressee':
            return (
              <p key={i} className="zx-doc-addressee">
                {b.text}
              </p>
            );
          case 'heading':
            return (
              <p key={i} className="zx-doc-heading">
                {b.text}
              </p>
            );
          case 'paragraph':
            return <p key={i}>{b.text}</p>;
          case 'table':
            return (
              <div key={i} className="zx-doc-table-wrap">
                <table>
                  <thead>
                    <tr>
                      {b.header.map((h) => (
                        <th key={h}>{h}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, ri) => (
                      <tr key={ri}>
                        {r.map((c, ci) => (
                          <td key={ci} className={b.left.includes(ci) ? 'zx-doc-left' : undefined}>
                            {c}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case 'signature':
            return (
              <div key={i} className="zx-doc-signature">
                {b.lines.map((l) => (
                  <div key={l}>{l}</div>
                ))}
              </div>
            );
          default:
            return null;
        }
      })}
    </article>
  );
}
