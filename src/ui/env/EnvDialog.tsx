import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useState } from 'react';
import { parseEnvDeclaration } from '../../engine';
import { selectActiveFileId, useAppStore } from '../../store';
import { useClient } from '../client/useClient';
import { filesRepo, studioDb } from '../data/studio-db';
import { CancelButton, Dialog } from '../dialogs/Dialog';
import { useColorScheme } from '../hooks/useColorScheme';
import { Loading } from '../layout/Loading';
import { BindingsBrowser } from './BindingsBrowser';
import { maskEnvText, unmaskEnvText } from './env-text';

const MonacoEnv = lazy(() => import('../editor/MonacoEditor').then((m) => ({ default: m.MonacoEnv })));
const editorLoading = <Loading what="Loading the editor (Monaco, from this site)" />;

const EXAMPLE = `{
  // self.env of this file, as in wrangler.jsonc
  "kv_namespaces": [{ "binding": "KV" }],
  "d1_databases": [{ "binding": "DB", "database_name": "orders" }],
  "r2_buckets": [{ "binding": "FILES", "bucket_name": "files" }],
  "vars": { "CURRENCY": "EUR" },
  "secrets": { "API_TOKEN": "paste it here" }
}`;

/**
 * The active file's `self.env`: its declaration (KV namespaces, D1 databases, R2 buckets, vars, secrets, in the
 * shape of wrangler.jsonc; secret values masked) and a browser of what its bindings hold, which can edit them.
 */
export function EnvDialog() {
  const fileId = useAppStore(selectActiveFileId);
  const file = useLiveQuery(() => (fileId ? studioDb.files.get(fileId) : undefined), [fileId]);
  const client = useClient();
  const dark = useColorScheme() === 'dark';
  const stored = file?.env ?? '';
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (file && text === null) setText(maskEnvText(file.env ?? ''));
  }, [file, text]);
  const shown = text ?? '';
  const parsed = parseEnvDeclaration(shown);
  const storedEnv = parseEnvDeclaration(stored);
  const dirty = file !== undefined && unmaskEnvText(shown, stored) !== stored;
  const save = async () => {
    if (!fileId || !parsed.ok) return;
    setFailure(null);
    try {
      const next = unmaskEnvText(shown, stored);
      await filesRepo.saveEnv(fileId, next);
      // A secret just typed is masked from now on, like every stored one.
      setText(maskEnvText(next));
      setSaved('Saved: the next run uses it.');
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Dialog
      title={`Env & bindings — ${file?.name ?? ''}`}
      testId="env-dialog"
      wide
      onSubmit={() => void save()}
      footer={
        <>
          {saved && !dirty && (
            <span className="dialog__progress" role="status">
              {saved}
            </span>
          )}
          <CancelButton />
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={!parsed.ok || !dirty}
            data-testid="env-save"
          >
            Save env
          </button>
        </>
      }
    >
      <p className="dialog__note">
        What <code>self.env</code> holds for this file besides its workflows, as in <code>wrangler.jsonc</code>.
        Contents stay in this browser; Export declares the bindings your code uses and never writes a secret.
      </p>
      <div className="field">
        <span className="field__label">
          Declaration{' '}
          <span className="field__hint">
            (JSON with comments, completed from its schema; secret values show as ••••••, type over one to change it)
          </span>
        </span>
        <div className="env-dialog__editor" data-testid="env-text">
          {file && text !== null && (
            <Suspense fallback={editorLoading}>
              <MonacoEnv
                fileId={file.id}
                text={shown}
                dark={dark}
                onChange={(value) => {
                  setText(value ?? '');
                  setSaved(null);
                }}
                loading={editorLoading}
              />
            </Suspense>
          )}
        </div>
      </div>
      {shown.trim() === '' && (
        <details className="dialog__note">
          <summary>An example declaration</summary>
          <pre className="env-dialog__example">{EXAMPLE}</pre>
        </details>
      )}
      {!parsed.ok && (
        <p className="field__error" role="alert" data-testid="env-problem">
          {parsed.message}
        </p>
      )}
      {failure && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
      <h3 className="dialog__subhead">Contents</h3>
      {fileId &&
      storedEnv.ok &&
      (storedEnv.env.resources.length > 0 ||
        Object.keys(storedEnv.env.vars).length > 0 ||
        Object.keys(storedEnv.env.secrets).length > 0) ? (
        <BindingsBrowser client={client} fileId={fileId} env={storedEnv.env} />
      ) : (
        <p className="dialog__note">Nothing declared yet: save a declaration to browse its bindings.</p>
      )}
    </Dialog>
  );
}
