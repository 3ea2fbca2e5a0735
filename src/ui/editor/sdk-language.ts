/**
 * Registers the SDK completion, hover and quick-fix (code action) providers for Python in Monaco. Providers are global per language,
 * so this runs once per page; the suggestions themselves come from the pure `suggest()` / `hoverAt()`.
 */
import type * as MonacoApi from 'monaco-editor';
import type { editor, IDisposable, languages, Position } from 'monaco-editor';
import type { WorkflowPlan } from '../../analysis';
import { completionInfo } from './completion-info';
import { quickFixes } from './quick-fixes';
import { type Suggestion, suggest } from './sdk-completions';
import { hoverAt } from './sdk-hover';

const KINDS = (monaco: typeof MonacoApi): Record<Suggestion['kind'], languages.CompletionItemKind> => ({
  method: monaco.languages.CompletionItemKind.Method,
  property: monaco.languages.CompletionItemKind.Property,
  value: monaco.languages.CompletionItemKind.Value,
  variable: monaco.languages.CompletionItemKind.Variable,
});

/** Installs the providers; `getPlan` returns the open file's latest analysis. Dispose to remove them. */
export function registerSdkLanguage(monaco: typeof MonacoApi, getPlan: () => WorkflowPlan): IDisposable {
  const kinds = KINDS(monaco);
  const completion = monaco.languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.', '"', "'", '[', '(', ',', '{'],
    provideCompletionItems(model: editor.ITextModel, position: Position) {
      const textBefore = model.getValueInRange({
        startLineNumber: Math.max(1, position.lineNumber - 80),
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      });
      const items = suggest(textBefore, completionInfo(getPlan(), position.lineNumber));
      return {
        suggestions: items.map((s, i) => ({
          label: s.label,
          kind: kinds[s.kind],
          insertText: s.insertText,
          insertTextRules: s.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          detail: s.detail,
          documentation: s.doc ? { value: s.doc } : undefined,
          sortText: String(i).padStart(3, '0'),
          range: {
            startLineNumber: position.lineNumber,
            startColumn: position.column - s.replace,
            endLineNumber: position.lineNumber,
            endColumn: position.column,
          },
        })),
      };
    },
  });
  const hover = monaco.languages.registerHoverProvider('python', {
    provideHover(model: editor.ITextModel, position: Position) {
      const info = completionInfo(getPlan(), position.lineNumber);
      const h = hoverAt(model.getLineContent(position.lineNumber), position.column, info.stepParams);
      if (!h) return null;
      return {
        contents: [{ value: h.markdown }],
        range: {
          startLineNumber: position.lineNumber,
          startColumn: h.startColumn,
          endLineNumber: position.lineNumber,
          endColumn: h.endColumn,
        },
      };
    },
  });
  const actions = monaco.languages.registerCodeActionProvider('python', {
    provideCodeActions(model: editor.ITextModel, _range, context) {
      const fixes = quickFixes(getPlan().diagnostics, context.markers);
      return {
        actions: fixes.map((f) => ({
          title: f.title,
          kind: 'quickfix',
          diagnostics: [f.marker],
          isPreferred: true,
          edit: {
            edits: [
              { resource: model.uri, textEdit: { range: f.range, text: f.text }, versionId: model.getVersionId() },
            ],
          },
        })),
        dispose() {},
      };
    },
  });
  return {
    dispose() {
      completion.dispose();
      hover.dispose();
      actions.dispose();
    },
  };
}
