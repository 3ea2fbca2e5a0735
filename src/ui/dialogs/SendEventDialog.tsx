import { CancelButton, Dialog } from './Dialog';
import { useSendEventDialog } from './useSendEventDialog';

/** Send an event (type + JSON payload) to the selected instance; offers the types it is waiting for. */
export function SendEventDialog() {
  const d = useSendEventDialog();
  return (
    <Dialog
      title={`Send event to ${d.id ?? '—'}`}
      testId="send-event-dialog"
      onSubmit={() => void d.submit()}
      footer={
        <>
          {d.sending && (
            <span className="dialog__progress" role="status">
              Sending…
            </span>
          )}
          <CancelButton />
          <button type="submit" className="button button--primary" aria-disabled={!d.canSend}>
            Send
          </button>
        </>
      }
    >
      {d.awaited.length > 0 ? (
        <p className="dialog__note">
          {d.id} is waiting for: {d.awaited.map((t) => `“${t}”`).join(', ')}.
        </p>
      ) : (
        <p className="dialog__note">
          {d.id} is not waiting for an event right now; an event sent now is queued until a wait for its type takes it.
        </p>
      )}
      <label className="field">
        <span className="field__label">Type</span>
        <input
          type="text"
          list="event-types"
          value={d.type}
          spellCheck={false}
          onChange={(e) => d.setType(e.currentTarget.value)}
          aria-invalid={d.typeProblem !== null}
          data-testid="event-type"
          autoFocus
        />
        <datalist id="event-types">
          {d.offered.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      {d.offered.length > 0 && (
        <fieldset className="chips">
          <legend className="visually-hidden">Event types in this workflow</legend>
          {d.offered.map((t) => (
            <button
              key={t}
              type="button"
              className={t === d.type ? 'chip chip--button chip--active' : 'chip chip--button'}
              onClick={() => d.setType(t)}
            >
              {t}
            </button>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span className="field__label">
          Payload{' '}
          <span className="field__hint" data-testid="payload-prefill">
            JSON · the waiter gets it as evt["payload"]
            {d.prefill === 'last-sent' && ' · prefilled: the last payload sent to this type'}
            {d.prefill === 'instance' && ' · prefilled: the last event of this type sent to this instance'}
            {d.prefill === 'sample' && ' · prefilled: the example the sample gives'}
          </span>
        </span>
        <textarea
          className="code-input"
          rows={6}
          spellCheck={false}
          value={d.payload}
          onChange={(e) => d.setPayload(e.currentTarget.value)}
          aria-invalid={!d.payloadCheck.ok}
          data-testid="event-payload"
        />
      </label>
      {!d.payloadCheck.ok && (
        <p className="field__error" role="alert">
          {d.payloadCheck.message}
        </p>
      )}
      {d.error && (
        <p className="field__error" role="alert" data-testid="send-error">
          {d.error}
        </p>
      )}
    </Dialog>
  );
}
