import { useEffect, useReducer } from 'react';
import { useServerClock } from './server-clock';

export type DropState = { open: boolean; msLeft: number };

/** Where a drop stands at `now` (server time, epoch ms). */
export const dropStateAt = (saleStartsAt: string | null, now: number): DropState => {
  const opensAt = saleStartsAt === null ? Number.NaN : Date.parse(saleStartsAt);
  if (Number.isNaN(opensAt)) return { open: true, msLeft: 0 };
  const msLeft = opensAt - now;
  return msLeft > 0 ? { open: false, msLeft } : { open: true, msLeft: 0 };
};

/**
 * A drop's countdown on the server's clock: the caller re-renders at each whole second left
 * and at the opening instant itself, so buy buttons enable by themselves, on time.
 */
export const useDropCountdown = (saleStartsAt: string | null): DropState => {
  const clock = useServerClock();
  const [, next] = useReducer((n: number) => n + 1, 0);
  const state = dropStateAt(saleStartsAt, clock.now());
  useEffect(() => {
    if (state.open) return;
    // The next change of the whole seconds shown, which is the opening itself at the end.
    const timer = setTimeout(next, state.msLeft % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [state.open, state.msLeft]);
  return state;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Time left as a countdown shows it: `0:05`, `12:30`, `3:04:05`, `2 d 03:04:05`. */
export const formatCountdown = (msLeft: number) => {
  const total = Math.ceil(Math.max(0, msLeft) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${minutes}:${pad(seconds)}`;
};
