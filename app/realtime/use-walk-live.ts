/**
 * Live state of one walk plus the device's outbox. The socket is created in an
 * effect; after every (re)connect it re-joins the walk room, replaces its
 * state with the server's snapshot and flushes the offline queue, one
 * observation at a time. Every send carries the idempotency key made when the
 * observation was first saved, so a replay after a lost ack is stored once.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { OwnObservation, PublicObservation } from "~/domain/walks/observations.server";
import type { ObservationPayload } from "~/domain/walks/walk.schema";
import { queueDelete, queueList, queuePut, type QueuedObservation } from "~/realtime/offline-queue";
import { useSocket } from "~/realtime/use-socket";

const ACK_TIMEOUT_MS = 8000;
const RETRY_MS = 5500;

export type SendOutcome = { kind: "saved"; observation: OwnObservation } | { kind: "queued" } | { kind: "rejected"; error: string };

export interface UploadState {
  observationId: number;
  percent: number;
  done: boolean;
  error: string | null;
}

/** Uploads a photo with progress (XMLHttpRequest: fetch cannot report upload progress). */
export function uploadPhoto(
  walkId: number,
  observationId: number,
  photo: Blob,
  onProgress: (percent: number) => void,
): Promise<{ ok: true } | { ok: false; error: string; network: boolean }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/vandringar/${walkId}/observationer/${observationId}/foto`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const body = xhr.response as { ok?: boolean; error?: string } | null;
      if (xhr.status === 200 && body?.ok) resolve({ ok: true });
      else if (xhr.status === 413) resolve({ ok: false, error: "walks.errors.photoTooLarge", network: false });
      // A refused budget (429) is kept like a network failure: the photo stays queued and is sent again later.
      else resolve({ ok: false, error: body?.error ?? "walks.errors.generic", network: xhr.status >= 500 || xhr.status === 429 });
    };
    xhr.onerror = () => resolve({ ok: false, error: "walks.errors.network", network: true });
    const form = new FormData();
    form.append("photo", photo, "photo");
    xhr.send(form);
  });
}

export function useWalkLive(
  walkId: number,
  initial: { observations: PublicObservation[]; mine: OwnObservation[] },
  hooks: { onArrive?: (o: PublicObservation) => void } = {},
) {
  const { socket, connected } = useSocket();
  const [observations, setObservations] = useState<PublicObservation[]>(initial.observations);
  const [mine, setMine] = useState<OwnObservation[]>(initial.mine);
  const [queue, setQueue] = useState<QueuedObservation[]>([]);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;
  const flushing = useRef(false);
  const socketRef = useRef(socket);
  socketRef.current = socket;

  const refreshQueue = useCallback(async () => setQueue(await queueList(walkId)), [walkId]);

  const lastSaved = useRef<OwnObservation | null>(null);
  const rememberMine = useCallback((o: OwnObservation) => {
    lastSaved.current = o;
    setMine((prev) => [o, ...prev.filter((m) => m.id !== o.id)]);
    if (o.status === "published") {
      const { status: _s, photoStatus: _p, ...pub } = o;
      setObservations((prev) => (prev.some((p) => p.id === o.id) ? prev.map((p) => (p.id === o.id ? pub : p)) : [pub, ...prev]));
    }
  }, []);

  const sendPhoto = useCallback(
    async (item: QueuedObservation, observationId: number): Promise<boolean> => {
      if (!item.photo) return true;
      setUpload({ observationId, percent: 0, done: false, error: null });
      const r = await uploadPhoto(walkId, observationId, item.photo, (percent) => setUpload({ observationId, percent, done: false, error: null }));
      if (r.ok) {
        setUpload({ observationId, percent: 100, done: true, error: null });
        setMine((prev) => prev.map((m) => (m.id === observationId ? { ...m, photoStatus: "pending" } : m)));
        return true;
      }
      setUpload({ observationId, percent: 0, done: false, error: r.error });
      if (r.network) {
        await queuePut({ ...item, state: "photo", observationId });
        return false;
      }
      return true;
    },
    [walkId],
  );

  /** One attempt. Resolves with what the device should do next. */
  const attempt = useCallback(
    async (item: QueuedObservation): Promise<"done" | "retry" | "rejected"> => {
      const s = socketRef.current;
      if (item.state === "photo" && item.observationId) {
        if (!s?.connected && !navigator.onLine) return "retry";
        return (await sendPhoto(item, item.observationId)) ? "done" : "retry";
      }
      // navigator.onLine is false when the device knows it is offline; an old socket may not have noticed yet.
      if (!s || !s.connected || !navigator.onLine) return "retry";
      const res = await new Promise<Parameters<Parameters<typeof s.emit<"walk:observe">>[2]>[0] | null>((resolve) => {
        s.timeout(ACK_TIMEOUT_MS).emit("walk:observe", item.payload, (err: Error | null, r: Parameters<Parameters<typeof s.emit<"walk:observe">>[2]>[0]) =>
          resolve(err ? null : r),
        );
      });
      if (!res) return "retry";
      if (res.ok) {
        rememberMine(res.data.observation);
        await sendPhoto(item, res.data.id);
        return "done";
      }
      if (res.error === "internal" || (res.error === "rate_limited" && res.key === "walks.errors.tooFast")) return "retry";
      // Stored as "field:key" (or just the key): the map page puts the message next to that field.
      const key = res.key ?? "walks.errors.generic";
      await queuePut({ ...item, state: "rejected", error: res.field ? `${res.field}:${key}` : key });
      return "rejected";
    },
    [rememberMine, sendPhoto],
  );

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const item of await queueList(walkId)) {
        if (item.state === "rejected") continue;
        const r = await attempt(item);
        if (r === "done") await queueDelete(item.key);
        if (r === "retry") {
          setTimeout(() => void flush(), RETRY_MS);
          break;
        }
      }
    } finally {
      flushing.current = false;
      await refreshQueue();
    }
  }, [attempt, refreshQueue, walkId]);

  useEffect(() => {
    void refreshQueue();
  }, [refreshQueue]);

  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.emit("walk:join", { walkId }, (res) => {
        if (!res.ok) return;
        setObservations(res.data.observations);
        setMine(res.data.mine);
        void flush();
      });
    };
    const onObservation = (o: PublicObservation) => {
      if (o.walkId !== walkId) return;
      setObservations((prev) => {
        const known = prev.some((p) => p.id === o.id);
        if (!known) hooksRef.current.onArrive?.(o);
        return known ? prev.map((p) => (p.id === o.id ? o : p)) : [o, ...prev];
      });
    };
    const onRemoved = (r: { walkId: number; id: number }) => {
      if (r.walkId === walkId) setObservations((prev) => prev.filter((p) => p.id !== r.id));
    };
    const onMine = (n: { walkId: number; id: number; status: OwnObservation["status"]; photoStatus: OwnObservation["photoStatus"] }) => {
      if (n.walkId === walkId) setMine((prev) => prev.map((m) => (m.id === n.id ? { ...m, status: n.status, photoStatus: n.photoStatus } : m)));
    };
    socket.on("connect", join);
    socket.on("walk:observation", onObservation);
    socket.on("walk:removed", onRemoved);
    socket.on("walk:mine", onMine);
    if (socket.connected) join();
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      socket.off("connect", join);
      socket.off("walk:observation", onObservation);
      socket.off("walk:removed", onRemoved);
      socket.off("walk:mine", onMine);
      window.removeEventListener("online", online);
      if (socket.connected) socket.emit("walk:leave", { walkId });
    };
  }, [socket, walkId, flush]);

  /** Sends now when connected, otherwise (or when the send times out) keeps it on the device. */
  const submit = useCallback(
    async (payload: ObservationPayload, photo: Blob | null): Promise<SendOutcome> => {
      const item: QueuedObservation = {
        key: payload.idempotencyKey,
        walkId,
        payload,
        photo,
        state: "waiting",
        error: null,
        observationId: null,
        createdAt: new Date().toISOString(),
      };
      // Stored before the first attempt: a crash or a closed tab mid-send loses nothing.
      await queuePut(item);
      if (flushing.current) {
        await refreshQueue();
        return { kind: "queued" };
      }
      flushing.current = true;
      let r: "done" | "retry" | "rejected";
      try {
        r = await attempt(item);
      } finally {
        flushing.current = false;
      }
      if (r === "done") {
        await queueDelete(item.key);
        await refreshQueue();
        const saved = lastSaved.current;
        return saved && saved.id ? { kind: "saved", observation: saved } : { kind: "queued" };
      }
      await refreshQueue();
      if (r === "rejected") {
        const stored = (await queueList(walkId)).find((q) => q.key === item.key);
        return { kind: "rejected", error: stored?.error ?? "walks.errors.generic" };
      }
      setTimeout(() => void flush(), RETRY_MS);
      return { kind: "queued" };
    },
    [attempt, flush, refreshQueue, walkId],
  );

  const discard = useCallback(
    async (key: string) => {
      await queueDelete(key);
      await refreshQueue();
    },
    [refreshQueue],
  );

  return { observations, mine, queue, connected, upload, submit, discard };
}
