import type { Locale } from "~/i18n/i18n";

// Long-form legal text is kept as one component per language rather than many small keys.
export function AccessibilityStatement({ locale, operator, contactEmail }: { locale: Locale; operator: string; contactEmail: string }) {
  if (locale === "en") {
    return (
      <div className="prose" lang="en">
        <p>
          {operator} is responsible for Tryggve. We want as many people as possible to be able to use the service. This statement describes how Tryggve meets
          the Act on accessibility to digital public services (2018:1937), known accessibility problems, and how you can report problems so that we can fix
          them.
        </p>
        <h2>Compliance status</h2>
        <p>Tryggve aims to meet WCAG 2.1 level AA (EN 301 549). Every page is tested automatically with axe and by keyboard before release.</p>
        <h2>How we make maps accessible</h2>
        <p>
          A map alone is not accessible. Every task that can be done on a map, such as marking a place or finding measures, can also be done from a list and a
          form with an address or landmark, using a keyboard or a screen reader.
        </p>
        <h2>Known problems</h2>
        <ul>
          <li>Map tiles come from OpenStreetMap and may lack text alternatives for individual map features. The list view has the same content.</li>
          <li>Video streams from external providers may lack captions. Ask the organiser for a transcript.</li>
        </ul>
        <h2>Enforcement</h2>
        <p>
          The Agency for Digital Government (Digg) supervises the Act. If you are not satisfied with how we handle your report, you can contact Digg and report
          it.
        </p>
        <p>
          Contact: <a href={`mailto:${contactEmail}`}>{contactEmail}</a>. This statement was last reviewed on 23 November 2026.
        </p>
      </div>
    );
  }
  return (
    <div className="prose">
      <p>
        {operator} står bakom Tryggve. Vi vill att så många som möjligt ska kunna använda tjänsten. Här beskriver vi hur Tryggve uppfyller lagen (2018:1937) om
        tillgänglighet till digital offentlig service, kända tillgänglighetsproblem och hur du kan rapportera brister så att vi kan åtgärda dem.
      </p>
      <h2>Hur tillgänglig är tjänsten?</h2>
      <p>Tryggve ska uppfylla WCAG 2.1 nivå AA (EN 301 549). Varje sida testas automatiskt med axe och med tangentbord innan den publiceras.</p>
      <h2>Så gör vi kartorna tillgängliga</h2>
      <p>
        En karta ensam är inte tillgänglig. Allt som går att göra på en karta, till exempel att markera en plats eller hitta åtgärder, går också att göra i en
        lista och ett formulär med adress eller landmärke, med tangentbord eller skärmläsare.
      </p>
      <h2>Kända brister</h2>
      <ul>
        <li>Kartbilderna kommer från OpenStreetMap och saknar ibland textalternativ för enskilda detaljer. Listvyn har samma innehåll.</li>
        <li>Videosändningar från externa tjänster kan sakna textning. Be arrangören om en utskrift.</li>
      </ul>
      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har tillsyn över lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och göra
        en anmälan.
      </p>
      <p>
        Kontakt: <a href={`mailto:${contactEmail}`}>{contactEmail}</a>. Redogörelsen granskades senast den 23 november 2026.
      </p>
    </div>
  );
}
