import { useProjectShare } from './useProjectShare';

/** Editor header buttons for the open file: download the open file as a deployable Cloudflare project, and copy a share link. */
export function ProjectShareActions() {
  const { ready, onExport, onShare } = useProjectShare();
  const why = ready ? undefined : 'The workflow files are still loading.';
  return (
    <>
      <button
        type="button"
        className="pane-button"
        onClick={onExport}
        disabled={!ready}
        title={why ?? 'Download a Cloudflare Python Worker project (wrangler.jsonc, pyproject.toml, src/entry.py)'}
        data-testid="export-project"
      >
        Export
      </button>
      <button
        type="button"
        className="pane-button"
        onClick={onShare}
        disabled={!ready}
        title={why ?? 'Copy a link that opens this file (and its last Run params) in the studio'}
        data-testid="share-link"
      >
        Share
      </button>
    </>
  );
}
