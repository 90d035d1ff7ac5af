import type { Locale } from "~/i18n/i18n";

/**
 * The vulnerability disclosure policy (/sakerhet), linked from /.well-known/security.txt.
 * Long-form text per language, like the privacy page.
 */
export function SecurityPolicyText({ locale, operator, contact }: { locale: Locale; operator: string; contact: string }) {
  const isMail = contact.startsWith("mailto:");
  const label = isMail ? contact.slice("mailto:".length) : contact;
  const link = <a href={contact}>{label}</a>;
  if (locale === "en") {
    return (
      <div className="prose" lang="en">
        <p>
          {operator} runs Tryggve. If you think you have found a security vulnerability, for example a way to see who asked a question, to read another
          person&apos;s registration, or to act as staff, please tell us. We are grateful for every report.
        </p>
        <h2>How to report</h2>
        <ul>
          <li>Write to {link}. Swedish or English are both fine.</li>
          <li>Describe what you did, what happened and which page or address it concerns, so that we can repeat it.</li>
          <li>Do not include other people&apos;s personal data in the report. If you saw some by accident, say so, but do not copy it.</li>
        </ul>
        <h2>What we ask of you</h2>
        <ul>
          <li>Test only with your own accounts and your own data. Do not read, change or delete what others have written.</li>
          <li>Do not disrupt a dialogue or a safety walk that is under way, and do not run tests that overload the service.</li>
          <li>Give us a reasonable time to fix the problem before you tell anyone else (we aim for 90 days).</li>
        </ul>
        <h2>What we promise</h2>
        <ul>
          <li>We confirm that we have received your report within 5 working days and tell you what we are doing about it.</li>
          <li>We will not report you to the police for research that follows these rules in good faith.</li>
          <li>If you want, we name you as the person who found the problem once it is fixed.</li>
        </ul>
        <p>The address for reports is also published in machine-readable form at /.well-known/security.txt.</p>
      </div>
    );
  }
  return (
    <div className="prose">
      <p>
        {operator} driver Tryggve. Om du tror att du har hittat en säkerhetsbrist, till exempel ett sätt att se vem som ställde en fråga, läsa någon annans
        anmälan eller agera som personal, vill vi gärna veta det. Vi är tacksamma för varje rapport.
      </p>
      <h2>Så rapporterar du</h2>
      <ul>
        <li>Skriv till {link}. Det går bra att skriva på svenska eller engelska.</li>
        <li>Beskriv vad du gjorde, vad som hände och vilken sida eller adress det gäller, så att vi kan upprepa det.</li>
        <li>Skicka inte med andras personuppgifter. Om du råkade se sådana, berätta det, men kopiera dem inte.</li>
      </ul>
      <h2>Det här ber vi dig om</h2>
      <ul>
        <li>Testa bara med egna konton och egna uppgifter. Läs, ändra eller ta inte bort det som andra har skrivit.</li>
        <li>Stör inte en dialog eller trygghetsvandring som pågår, och gör inga tester som överbelastar tjänsten.</li>
        <li>Ge oss rimlig tid att rätta felet innan du berättar för andra (vi siktar på 90 dagar).</li>
      </ul>
      <h2>Det här lovar vi</h2>
      <ul>
        <li>Vi bekräftar att vi har fått din rapport inom 5 arbetsdagar och berättar vad vi gör åt den.</li>
        <li>Vi polisanmäler inte den som i god tro har följt de här reglerna.</li>
        <li>Om du vill nämner vi dig som den som hittade felet när det är rättat.</li>
      </ul>
      <p>Adressen för rapporter finns också i maskinläsbar form på /.well-known/security.txt.</p>
    </div>
  );
}
