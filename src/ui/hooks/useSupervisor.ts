import { createContext, useContext } from 'react';
import type { Supervisor } from '../../supervisor';

/** Provides the app's one supervisor, created at startup in main.tsx. */
export const SupervisorContext = createContext<Supervisor | null>(null);

/** The app's supervisor; throws when used outside `SupervisorContext`. */
export function useSupervisor(): Supervisor {
  const supervisor = useContext(SupervisorContext);
  if (!supervisor) throw new Error('useSupervisor() needs a <SupervisorContext> above it');
  return supervisor;
}
