import type { Locale } from "~/i18n/i18n";

export function PrivacyText({ locale, operator, contactEmail }: { locale: Locale; operator: string; contactEmail: string }) {
  if (locale === "en") {
    return (
      <div className="prose" lang="en">
        <p>
          {operator} is the controller for personal data in Tryggve. You can take part without an account and without giving your name. We never ask for a
          personal identity number, address or e-ID.
        </p>
        <h2>What we store</h2>
        <ul>
          <li>
            <strong>A random device id</strong> in a cookie (<code>tryggve_pid</code>, two years). It contains no personal data and lets you vote once per
            question and see your own questions and pins.
          </li>
          <li>
            <strong>Your language choice</strong> in a cookie (<code>tryggve_lang</code>, one year).
          </li>
          <li>
            <strong>What you submit</strong>: questions, map pins, descriptions and photos. They become public documents (offentlighetsprincipen). Photos are
            stripped of all metadata, including position.
          </li>
          <li>
            <strong>A name or email, only if you choose</strong> to give one, for example to get a reminder or the feedback from a dialogue. It is shown only to
            the staff who run the event and is deleted on the date shown when you give it.
          </li>
          <li>
            <strong>Accessibility reports</strong>: any contact detail is deleted when the report is handled, at the latest after 12 months.
          </li>
          <li>
            <strong>Staff</strong>: name, work email, role, a session cookie (<code>tryggve_staff</code>) and an audit log of every action. Failed sign-ins are
            kept with the IP address for 24 hours to stop password guessing.
          </li>
        </ul>
        <h2>Legal basis and retention</h2>
        <p>
          We process personal data to perform a task in the public interest (GDPR article 6.1 e): the districts&apos; work for safety with residents. Submitted
          material is kept and culled according to the municipality&apos;s records management plan.
        </p>
        <h2>Your rights</h2>
        <p>
          You have the right to know what we store about you, to have errors corrected and, in some cases, to have data deleted or restricted. You can complain
          to the Swedish Authority for Privacy Protection (IMY). Contact: <a href={`mailto:${contactEmail}`}>{contactEmail}</a>.
        </p>
      </div>
    );
  }
  return (
    <div className="prose">
      <p>
        {operator} är personuppgiftsansvarig för Tryggve. Du kan delta utan konto och utan att uppge ditt namn. Vi frågar aldrig efter personnummer, adress
        eller e-legitimation.
      </p>
      <h2>Det här sparar vi</h2>
      <ul>
        <li>
          <strong>Ett slumpat enhets-id</strong> i en kaka (<code>tryggve_pid</code>, två år). Det innehåller inga personuppgifter och gör att du kan rösta en
          gång per fråga och se dina egna frågor och markeringar.
        </li>
        <li>
          <strong>Ditt språkval</strong> i en kaka (<code>tryggve_lang</code>, ett år).
        </li>
        <li>
          <strong>Det du skickar in</strong>: frågor, markeringar på kartan, beskrivningar och foton. De blir allmänna handlingar enligt offentlighetsprincipen.
          Foton rensas från all metadata, även position.
        </li>
        <li>
          <strong>Namn eller e-post, bara om du vill</strong>, till exempel för en påminnelse eller återkopplingen från en dialog. Uppgiften syns bara för
          personalen som håller i evenemanget och raderas det datum som visas när du lämnar den.
        </li>
        <li>
          <strong>Rapporter om tillgänglighet</strong>: eventuell kontaktuppgift raderas när rapporten är hanterad, senast efter 12 månader.
        </li>
        <li>
          <strong>Personal</strong>: namn, e-post i tjänsten, roll, en sessionskaka (<code>tryggve_staff</code>) och en granskningslogg över alla åtgärder.
          Misslyckade inloggningar sparas med IP-adress i 24 timmar för att stoppa lösenordsgissning.
        </li>
      </ul>
      <h2>Rättslig grund och gallring</h2>
      <p>
        Vi behandlar personuppgifter för att utföra en uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen): stadsdelarnas trygghetsarbete
        tillsammans med invånare. Det som skickas in bevaras och gallras enligt stadens informationshanteringsplan.
      </p>
      <h2>Dina rättigheter</h2>
      <p>
        Du har rätt att få veta vad vi sparar om dig, att få fel rättade och i vissa fall att få uppgifter raderade eller begränsade. Du kan klaga hos
        Integritetsskyddsmyndigheten (IMY). Kontakt: <a href={`mailto:${contactEmail}`}>{contactEmail}</a>.
      </p>
    </div>
  );
}
