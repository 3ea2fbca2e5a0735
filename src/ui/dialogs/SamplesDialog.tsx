import { SAMPLES } from '../samples';
import { openSample } from '../samples/open-sample';
import { Dialog } from './Dialog';

/** The gallery: each sample with what it teaches and what to try; opening one creates a new file. */
export function SamplesDialog() {
  return (
    <Dialog title="Samples" wide testId="samples-dialog">
      <p className="dialog__note">Each sample opens as a new file (your files are never overwritten), ready to run.</p>
      <ul className="samples">
        {SAMPLES.map((s, i) => (
          <li key={s.id} className="sample-card">
            <h3 className="sample-card__title">{s.title}</h3>
            <p className="sample-card__summary">{s.summary}</p>
            <p className="sample-card__try">
              <strong>Try:</strong> {s.tryThis}
            </p>
            <div className="sample-card__foot">
              <code>{s.fileName}</code>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void openSample(s)}
                aria-label={`Open sample: ${s.title}`}
                // biome-ignore lint/a11y/noAutofocus: the first card takes focus so the gallery works from the keyboard
                autoFocus={i === 0}
              >
                Open
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
