import { useEffect } from 'react';
import { Button, Tooltip } from 'antd';
import { BoldOutlined, ItalicOutlined, OrderedListOutlined, RedoOutlined, UnderlineOutlined, UndoOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string;
  onChange: (html: string) => void;
  placeholder?: string;
  testId?: string;
}

/**
 * The plan text editor (Tiptap): paragraphs, two heading levels, bold/italic/underline, lists,
 * quotes and links (pasted addresses become links). The server sanitizes whatever arrives.
 * The toolbar wraps on a phone and its buttons are 36 px touch targets.
 */
export function RichTextEditor({ value, onChange, placeholder, testId = 'plan-editor' }: Props) {
  const { t } = useTranslation();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        codeBlock: false,
        code: false,
        trailingNode: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto', 'tel'] },
      }),
    ],
    content: value,
    editorProps: { attributes: { class: 'zx-rte-content', 'data-testid': `${testId}-content`, 'aria-label': placeholder ?? '' } },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
  });
  // A value set from outside (a reloaded plan) replaces the content; typing does not come back here.
  useEffect(() => {
    if (editor && value !== (editor.isEmpty ? '' : editor.getHTML())) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      undo: e.can().undo(),
      redo: e.can().redo(),
      empty: e.isEmpty,
    }),
  });
  const chain = () => editor.chain().focus();
  const tools = [
    { key: 'bold', icon: <BoldOutlined />, on: s.bold, run: () => chain().toggleBold().run() },
    { key: 'italic', icon: <ItalicOutlined />, on: s.italic, run: () => chain().toggleItalic().run() },
    { key: 'underline', icon: <UnderlineOutlined />, on: s.underline, run: () => chain().toggleUnderline().run() },
    { key: 'h2', icon: <b>H2</b>, on: s.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'h3', icon: <b>H3</b>, on: s.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    { key: 'bullet', icon: <UnorderedListOutlined />, on: s.bullet, run: () => chain().toggleBulletList().run() },
    { key: 'ordered', icon: <OrderedListOutlined />, on: s.ordered, run: () => chain().toggleOrderedList().run() },
    { key: 'quote', icon: <b>“”</b>, on: s.quote, run: () => chain().toggleBlockquote().run() },
    { key: 'undo', icon: <UndoOutlined />, on: false, disabled: !s.undo, run: () => chain().undo().run() },
    { key: 'redo', icon: <RedoOutlined />, on: false, disabled: !s.redo, run: () => chain().redo().run() },
  ];
  return (
    <div className="zx-rte" data-testid={testId}>
      <div className="zx-rte-toolbar" role="toolbar">
        {tools.map((b) => (
          <Tooltip key={b.key} title={t(`plans.toolbar.${b.key}`)} mouseEnterDelay={0.6}>
            <Button
              size="middle"
              type={b.on ? 'primary' : 'text'}
              icon={b.icon}
              disabled={b.disabled}
              aria-label={t(`plans.toolbar.${b.key}`)}
              aria-pressed={b.on}
              onMouseDown={(e) => e.preventDefault()}
              onClick={b.run}
              data-testid={`${testId}-tool-${b.key}`}
            />
          </Tooltip>
        ))}
      </div>
      <div className="zx-rte-body">
        {s.empty && placeholder && <div className="zx-rte-placeholder">{placeholder}</div>}
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
