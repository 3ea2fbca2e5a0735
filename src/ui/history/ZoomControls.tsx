import { useZoomCommands } from './useHistoryZoom';
import { formatZoom, MAX_ZOOM, MIN_ZOOM } from './zoom';

/** − level + fit: the zoom of the history's time axis (also Ctrl/⌘ + wheel, and + − 0 with focus in the history). */
export function ZoomControls() {
  const { zoom, zoomIn, zoomOut, fit } = useZoomCommands();
  return (
    <fieldset className="zoom">
      <legend className="visually-hidden">Zoom the time axis</legend>
      <button
        type="button"
        className="zoom__button"
        onClick={zoomOut}
        disabled={zoom <= MIN_ZOOM}
        title="Zoom out (−, or Ctrl/⌘ + wheel)"
        aria-label="Zoom out"
        data-testid="history-zoom-out"
      >
        −
      </button>
      <output
        className="zoom__level"
        aria-live="polite"
        title={zoom <= MIN_ZOOM ? 'The whole journal fits the width' : `The time axis is ${zoom.toFixed(2)}× the width`}
        data-testid="history-zoom-level"
      >
        {formatZoom(zoom)}
      </output>
      <button
        type="button"
        className="zoom__button"
        onClick={zoomIn}
        disabled={zoom >= MAX_ZOOM}
        title="Zoom in (+, or Ctrl/⌘ + wheel)"
        aria-label="Zoom in"
        data-testid="history-zoom-in"
      >
        +
      </button>
      {zoom > MIN_ZOOM && (
        <button
          type="button"
          className="zoom__button zoom__button--fit"
          onClick={fit}
          title="Fit the whole journal in the width (0)"
          data-testid="history-zoom-fit"
        >
          fit
        </button>
      )}
    </fieldset>
  );
}
