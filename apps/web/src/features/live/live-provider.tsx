import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { type ResponseSchemas, responseSchemas } from '../../api/response-schemas';
import { createLiveCache } from './live-cache';
import { createLiveClient, type LiveSocket, type LiveStatus } from './live-client';
import { type LiveMessage, liveMessageParser } from './live-messages';

const LiveStatusContext = createContext<LiveStatus>('closed');

type LiveListener = (message: LiveMessage) => void;
const LiveListenersContext = createContext<Set<LiveListener>>(new Set());

/** ws(s)://<this host>/api/live, with the session token so our own orders are reported too. */
export const liveUrl = (location: Pick<Location, 'protocol' | 'host'>, token?: string) =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live${
    token ? `?token=${encodeURIComponent(token)}` : ''
  }`;

/** Keeps one live connection for the whole app and feeds what it hears into the query cache. */
export const LiveProvider = ({
  children,
  createSocket,
}: {
  children: ReactNode;
  /** Tests pass a fake; null turns live updates off. */
  createSocket?: ((url: string) => LiveSocket) | null;
}) => {
  const api = useApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('closed');
  const [listeners] = useState(() => new Set<LiveListener>());

  useEffect(() => {
    if (createSocket === null) return;
    let stopped = false;
    let stop = () => {};
    const begin = async () => {
      // The guest session first, so a first visit opens one socket with its token instead of
      // an anonymous one that is dropped a moment later; and the schemas that read messages.
      await api.session.ensure().catch(() => null);
      const schemas = await responseSchemas();
      if (stopped) return;
      stop = startLive(schemas);
    };
    const startLive = (schemas: ResponseSchemas) => {
      const cache = createLiveCache(queryClient);
      const client = createLiveClient({
        url: () => liveUrl(window.location, api.session.current()?.token),
        parse: liveMessageParser(schemas),
        onMessage: (message) => {
          if (message.type === 'stock') cache.applyStock(message);
          else if (message.type === 'product') cache.applyProduct(message);
          else if (message.type === 'order') cache.applyOrder(message);
          for (const listener of listeners) listener(message);
        },
        onStatus: setStatus,
        onReconnected: cache.repair,
        ...(createSocket ? { createSocket } : {}),
      });
      client.start();

      // A new guest session (a refused token was replaced) means new order updates.
      let token = api.session.current()?.token;
      const unsubscribe = api.session.subscribe(() => {
        const next = api.session.current()?.token;
        if (next === token) return;
        token = next;
        client.reconnectNow();
      });
      const onOnline = () => {
        if (client.status() === 'closed') client.reconnectNow();
      };
      window.addEventListener('online', onOnline);
      return () => {
        window.removeEventListener('online', onOnline);
        unsubscribe();
        client.stop();
      };
    };
    // Could not load the schemas (no connection): try again when the browser is back online.
    const retry = () => void begin().catch(() => {});
    begin().catch(() => window.addEventListener('online', retry, { once: true }));
    return () => {
      stopped = true;
      window.removeEventListener('online', retry);
      stop();
    };
  }, [api, queryClient, createSocket, listeners]);

  return (
    <LiveListenersContext.Provider value={listeners}>
      <LiveStatusContext.Provider value={status}>{children}</LiveStatusContext.Provider>
    </LiveListenersContext.Provider>
  );
};

/** Calls `onMessage` with every live message while the caller is mounted (the drop board). */
export const useLiveMessages = (onMessage: LiveListener) => {
  const listeners = useContext(LiveListenersContext);
  const latest = useRef(onMessage);
  latest.current = onMessage;
  useEffect(() => {
    const listener: LiveListener = (message) => latest.current(message);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [listeners]);
};

/** Whether live updates are flowing; pages poll as a fallback when they are not. */
export const useLiveStatus = () => useContext(LiveStatusContext);
