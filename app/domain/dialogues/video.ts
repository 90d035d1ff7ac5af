/**
 * Which stream links can be embedded privacy-first. Only YouTube (via the
 * no-cookie player) and Vimeo are embedded, matching the CSP's frame-src;
 * everything else is shown as a plain link. Browser-safe.
 */
export type VideoEmbed = { kind: "embed"; provider: "YouTube" | "Vimeo"; src: string } | { kind: "link"; href: string };

const YT_ID = /^[\w-]{11}$/;

export function videoEmbed(url: string): VideoEmbed {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: "link", href: url };
  }
  const host = u.hostname.replace(/^www\.|^m\./, "");
  let yt: string | null = null;
  if (host === "youtu.be") yt = u.pathname.slice(1);
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (u.pathname === "/watch") yt = u.searchParams.get("v");
    else {
      const m = /^\/(?:embed|live|shorts)\/([^/?#]+)/.exec(u.pathname);
      yt = m ? m[1] : null;
    }
  }
  if (yt && YT_ID.test(yt)) return { kind: "embed", provider: "YouTube", src: `https://www.youtube-nocookie.com/embed/${yt}` };
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const m = /^\/(?:video\/)?(\d{1,12})(?:\/|$)/.exec(u.pathname);
    if (m) return { kind: "embed", provider: "Vimeo", src: `https://player.vimeo.com/video/${m[1]}?dnt=1` };
  }
  return { kind: "link", href: url };
}
