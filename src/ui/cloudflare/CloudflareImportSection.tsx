import { STATUS_TEXT } from '../instances/instance-rows';
import type { CloudflareImportState } from './useCloudflareImport';

/** The import dialog's body for Cloudflare's instance JSON: the workflow they ran, then what becomes of each. */
export function CloudflareImportSection({ c }: { c: CloudflareImportState }) {
  return (
    <div className="import-summary" data-testid="cf-import-summary">
      <p className="dialog__note">
        Cloudflare&apos;s instance JSON (<code>GET …/workflows/&#123;name&#125;/instances/&#123;id&#125;</code>). Each
        instance becomes a <strong>read-only</strong> instance here, linked to the open file
        {c.fileName ? ` (${c.fileName})` : ''}: its history at Cloudflare&apos;s times, its summary, and a replay
        against your code.
      </p>
      {c.problem && (
        <p className="field__error" role="alert" data-testid="cf-import-problem">
          {c.problem}
        </p>
      )}
      {c.choices.length > 1 && (
        <label className="field">
          <span className="field__label">The workflow these instances ran (the JSON does not name it)</span>
          <select
            value={c.chosen ?? ''}
            onChange={(e) => c.choose(e.currentTarget.value)}
            data-testid="cf-import-workflow"
          >
            {c.choices.map((w) => (
              <option key={w.workflowName} value={w.workflowName}>
                {w.className} ({w.workflowName})
              </option>
            ))}
          </select>
        </label>
      )}
      {c.plan && !c.plan.ok && (
        <p className="field__error" role="alert" data-testid="import-error">
          {c.plan.message} Nothing was imported.
        </p>
      )}
      {c.plan?.ok && (
        <ul className="cf-import-list" data-testid="cf-import-list">
          {c.plan.instances.map(({ id, imported, record }) => (
            <li key={id} data-testid="cf-import-item">
              <strong>{id}</strong> · {STATUS_TEXT[imported.summary.status]} · {imported.summary.steps} steps
              {id !== imported.summary.id && ` · imported as ${id} (“${imported.summary.id}” is taken)`}
              {record.truncated.length > 0 && (
                <span className="chip chip--warn" title="Outputs the API truncated">
                  {' '}
                  truncated: {record.truncated.join(', ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {c.error && (
        <p className="field__error" role="alert" data-testid="import-error">
          {c.error}
        </p>
      )}
    </div>
  );
}
