import { useState } from "react";
import { useTranslation } from "react-i18next";
import { videoEmbed } from "~/domain/dialogues/video";

/** No third-party frame until the resident asks for it (GDPR, no cookies before consent). */
export function PrivacyVideo({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  const video = videoEmbed(url);
  if (video.kind === "link") {
    return (
      <div className="video-box">
        <p>{t("dialogues.join.externalNotice")}</p>
        <p>
          <a href={video.href} target="_blank" rel="noopener noreferrer">
            {t("dialogues.join.externalLink")}
          </a>
        </p>
      </div>
    );
  }
  if (!show) {
    return (
      <div className="video-box video-consent">
        <p>{t("dialogues.join.privacyNotice", { provider: video.provider })}</p>
        <button type="button" className="primary" onClick={() => setShow(true)}>
          {t("dialogues.join.showVideo", { provider: video.provider })}
        </button>
        <p>
          <a href={url} target="_blank" rel="noopener noreferrer">
            {t("dialogues.join.externalLink")}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="video-frame">
      <iframe
        src={video.src}
        title={t("dialogues.join.videoTitle", { title })}
        allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
        allowFullScreen
        referrerPolicy="strict-origin-when-cross-origin"
      />
    </div>
  );
}
