/** Filtering and sorting of observations in the browser, the same rules as the SQL in observations.server.ts. Pure. */
import type { ObservationFilter } from "~/domain/walks/walk.schema";

interface Filterable {
  id: number;
  categories: readonly string[];
  timeOfDay: string;
  followupStatus: string;
  feeling: number;
  address: string | null;
}

export function matchesFilter(o: Filterable, f: ObservationFilter): boolean {
  if (f.category && !o.categories.includes(f.category)) return false;
  if (f.timeOfDay && o.timeOfDay !== f.timeOfDay) return false;
  if (f.status && o.followupStatus !== f.status) return false;
  return true;
}

export function sortObservations<T extends Filterable>(items: T[], sort: ObservationFilter["sort"]): T[] {
  const out = [...items];
  switch (sort) {
    case "oldest":
      return out.sort((a, b) => a.id - b.id);
    case "feeling":
      return out.sort((a, b) => a.feeling - b.feeling || b.id - a.id);
    case "address":
      return out.sort((a, b) => (a.address ?? "\uffff").localeCompare(b.address ?? "\uffff", "sv") || a.id - b.id);
    default:
      return out.sort((a, b) => b.id - a.id);
  }
}

export function filterFromSearch(search: URLSearchParams): Record<string, string | undefined> {
  return {
    category: search.get("kategori") ?? undefined,
    timeOfDay: search.get("tid") ?? undefined,
    status: search.get("status") ?? undefined,
    sort: search.get("sortera") ?? undefined,
  };
}
