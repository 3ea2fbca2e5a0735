import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { parseEnvDeclaration } from '../../engine';
import { selectActiveFileId, useAppStore } from '../../store';
import { useClient } from '../client/useClient';
import { filesRepo, studioDb } from '../data/studio-db';
import { CancelButton, Dialog } from '../dialogs/Dialog';
import { BindingsBrowser } from './BindingsBrowser';
import { maskEnvText, unmaskEnvText } from './env-text';

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
      <label className="field">
        <span className="field__label">
          Declaration{' '}
          <span className="field__hint">
            (JSON with comments; secret values show as ••••••, type over one to change it)
          </span>
        </span>
        <textarea
          className="code-input"
          rows={8}
          spellCheck={false}
          value={shown}
          placeholder={EXAMPLE}
          aria-invalid={!parsed.ok}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setSaved(null);
          }}
          data-testid="env-text"
        />
      </label>
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
