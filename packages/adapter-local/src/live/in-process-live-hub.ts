import type { LiveEvent, LiveUpdates } from '@sellout/core/live/live-updates-port';

export type LiveListener = (event: LiveEvent) => void;

/** LiveUpdates inside one process: publishers and the WebSocket server meet here. */
export const createInProcessLiveHub = (onListenerError: (error: unknown) => void = () => {}) => {
  const listeners = new Set<LiveListener>();
  return {
    publish(events) {
      // A failing listener must not fail the checkout that published: the change is committed.
      for (const event of events) {
        for (const listener of listeners) {
          try {
            listener(event);
          } catch (error) {
            onListenerError(error);
          }
        }
      }
    },
    /** Returns the function that unsubscribes. */
    subscribe(listener: LiveListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  } satisfies LiveUpdates & { subscribe(listener: LiveListener): () => void };
};
