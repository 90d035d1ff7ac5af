/**
 * The device's queue of observations not yet accepted by the server, kept in
 * IndexedDB (idb-keyval) so it survives reloads and can hold photo Blobs,
 * which localStorage cannot. Browser-only; every function is called from effects or handlers.
 */
import { createStore, del, get, set, values, type UseStore } from "idb-keyval";
import type { ObservationPayload } from "~/domain/walks/walk.schema";

export type QueueState = "waiting" | "photo" | "rejected";

export interface QueuedObservation {
  key: string;
  walkId: number;
  payload: ObservationPayload;
  photo: Blob | null;
  state: QueueState;
  /** "field:i18n key" or an i18n key, for rejected items. */
  error: string | null;
  /** Set once the observation is stored and only the photo is left. */
  observationId: number | null;
  createdAt: string;
}

let store: UseStore | null = null;
function db(): UseStore {
  store ??= createStore("tryggve-walks", "queue");
  return store;
}

export async function queueList(walkId: number): Promise<QueuedObservation[]> {
  const all = (await values(db())) as QueuedObservation[];
  return all.filter((q) => q.walkId === walkId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function queuePut(item: QueuedObservation): Promise<void> {
  await set(item.key, item, db());
}

export async function queueGet(key: string): Promise<QueuedObservation | undefined> {
  return (await get(key, db())) as QueuedObservation | undefined;
}

export async function queueDelete(key: string): Promise<void> {
  await del(key, db());
}
