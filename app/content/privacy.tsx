import type { Locale } from "~/i18n/i18n";

/**
 * The periods the privacy page states. They come from the code that enforces them (the
 * configuration and the retention constants, read by the /integritet loader), so the page and
 * the purge job cannot disagree. docs/security.md, "Retention".
 */
export interface PrivacyFacts {
  /** Staff session: ends after this many minutes without activity (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** …and at the latest after this many hours (SESSION_ABSOLUTE_HOURS), which is also the cookie's lifetime. */
  sessionAbsoluteHours: number;
  /** Registrants' contact details: deleted at the latest this many days after the dialogue (REGISTRATION_RETENTION_DAYS). */
  registrationRetentionDays: number;
  /** The audit log of staff actions, in years. */
  auditYears: number;
  /** Failed sign-ins and refused requests of people not signed in, and their IP address, in hours. */
  anonymousAuditHours: number;
  /** Accessibility reports: a contact detail is deleted at the latest this many days after the report. */
  reportContactDays: number;
  /** A measure follow request never confirmed is deleted after this many days. */
  unconfirmedFollowerDays: number;
  /** E-mail about a followed measure stays in the outbox this many days. */
  followerEmailDays: number;
  /** The single sign-on cookie lives this many minutes. */
  ssoCookieMinutes: number;
}

interface Props {
  locale: Locale;
  operator: string;
  contactEmail: string;
  facts: PrivacyFacts;
}

export function PrivacyText({ locale, operator, contactEmail, facts: f }: Props) {
  if (locale === "en") {
    return (
      <div className="prose" lang="en">
        <p>
          {operator} is the controller for personal data in Tryggve. You can take part without an account and without giving your name. We never ask for a
          personal identity number, address or e-ID.
        </p>
        <h2>Cookies</h2>
        <p>Tryggve sets only these cookies, all of them needed for the service to work. There are no tracking or analytics cookies.</p>
        <ul>
          <li>
            <code>tryggve_pid</code>: <strong>a random device id</strong>, kept two years. It contains no personal data and lets you vote once per question and
            see your own questions and pins.
          </li>
          <li>
            <code>tryggve_lang</code>: <strong>your language choice</strong>, only if you switch language, kept one year.
          </li>
          <li>
            <code>tryggve_staff</code> (<code>__Host-tryggve_staff</code> over HTTPS): <strong>a staff member&apos;s sign-in</strong>, at most{" "}
            {f.sessionAbsoluteHours} hours.
          </li>
          <li>
            <code>tryggve_sso</code> (<code>__Host-tryggve_sso</code> over HTTPS): only while a staff member signs in with the city&apos;s single sign-on, at
            most {f.ssoCookieMinutes} minutes.
          </li>
        </ul>
        <h2>What we store, and for how long</h2>
        <ul>
          <li>
            <strong>What you submit</strong>: questions, map pins, descriptions and photos. They become public documents (offentlighetsprincipen) and are kept
            and culled according to the city&apos;s records management plan; Tryggve does not delete them by itself. Photos are stripped of all metadata,
            including position.
          </li>
          <li>
            <strong>A name or email, only if you choose</strong> to give one when you register for a dialogue, for example to get a reminder or the feedback. It
            is shown only to the staff who run the event and is deleted on the date shown when you give it, at the latest {f.registrationRetentionDays} days
            after the dialogue; the e-mails we sent you are deleted from our outbox on the same date.
          </li>
          <li>
            <strong>Following a measure by email</strong>: your address is kept until the measure is closed or you stop following it. An address that is never
            confirmed is deleted after {f.unconfirmedFollowerDays} days, and the e-mails about the measure are deleted from our outbox after{" "}
            {f.followerEmailDays} days.
          </li>
          <li>
            <strong>Accessibility reports</strong>: any contact detail is deleted when the report is handled, at the latest {f.reportContactDays} days after it
            was sent.
          </li>
          <li>
            <strong>Your IP address</strong> is never stored with what you submit. Counters that limit how often something can be sent from one device or
            address are kept only while the limit applies, at most 24 hours. If your device makes a request that is refused (for example one only staff may
            make), the refusal is logged with the IP address for {f.anonymousAuditHours} hours. The server&apos;s request log holds only the network part of the
            address (for example 198.51.100.0/24) and never any cookie.
          </li>
          <li>
            <strong>Staff</strong>: name, work email and role, as long as the account exists. A sign-in ends after {f.sessionIdleMinutes} minutes without
            activity and at the latest after {f.sessionAbsoluteHours} hours, and is then deleted. Every staff action is written to an audit log (who, what,
            when, IP address), which is kept {f.auditYears} years and then deleted. Failed and refused sign-ins are kept with the IP address and the email that
            was typed for {f.anonymousAuditHours} hours, to stop password guessing; the counters that block guessing are deleted when their window has passed,
            at the latest after 24 hours.
          </li>
        </ul>
        <h2>Legal basis</h2>
        <p>
          We process personal data to perform a task in the public interest (GDPR article 6.1 e): the districts&apos; work for safety with residents. Apart from
          what you submit, Tryggve itself deletes the data above when its period has passed.
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
      <h2>Kakor</h2>
      <p>Tryggve sätter bara de här kakorna, och alla behövs för att tjänsten ska fungera. Det finns inga kakor för spårning eller statistik.</p>
      <ul>
        <li>
          <code>tryggve_pid</code>: <strong>ett slumpat enhets-id</strong>, sparas i två år. Det innehåller inga personuppgifter och gör att du kan rösta en
          gång per fråga och se dina egna frågor och markeringar.
        </li>
        <li>
          <code>tryggve_lang</code>: <strong>ditt språkval</strong>, bara om du byter språk, sparas i ett år.
        </li>
        <li>
          <code>tryggve_staff</code> (<code>__Host-tryggve_staff</code> över HTTPS): <strong>personalens inloggning</strong>, i högst {f.sessionAbsoluteHours}{" "}
          timmar.
        </li>
        <li>
          <code>tryggve_sso</code> (<code>__Host-tryggve_sso</code> över HTTPS): bara medan personal loggar in med stadens gemensamma inloggning, i högst{" "}
          {f.ssoCookieMinutes} minuter.
        </li>
      </ul>
      <h2>Det här sparar vi, och så länge</h2>
      <ul>
        <li>
          <strong>Det du skickar in</strong>: frågor, markeringar på kartan, beskrivningar och foton. De blir allmänna handlingar enligt offentlighetsprincipen
          och bevaras och gallras enligt stadens informationshanteringsplan; Tryggve raderar dem inte av sig självt. Foton rensas från all metadata, även
          position.
        </li>
        <li>
          <strong>Namn eller e-post, bara om du vill</strong>, när du anmäler dig till en dialog, till exempel för en påminnelse eller återkopplingen. Uppgiften
          syns bara för personalen som håller i evenemanget och raderas det datum som visas när du lämnar den, senast {f.registrationRetentionDays} dagar efter
          dialogen; e-postmeddelandena vi skickat till dig raderas ur vår utkorg samma dag.
        </li>
        <li>
          <strong>Följa en åtgärd via e-post</strong>: adressen sparas tills åtgärden är avslutad eller du slutar följa den. En adress som aldrig bekräftas
          raderas efter {f.unconfirmedFollowerDays} dagar, och meddelandena om åtgärden raderas ur vår utkorg efter {f.followerEmailDays} dagar.
        </li>
        <li>
          <strong>Rapporter om tillgänglighet</strong>: eventuell kontaktuppgift raderas när rapporten är hanterad, senast {f.reportContactDays} dagar efter att
          den kom in.
        </li>
        <li>
          <strong>Din IP-adress</strong> sparas aldrig med det du skickar in. Räknare som begränsar hur ofta något kan skickas från en enhet eller adress sparas
          bara så länge begränsningen gäller, högst 24 timmar. Om din enhet gör en förfrågan som nekas (till exempel en som bara personal får göra) loggas det
          med IP-adressen i {f.anonymousAuditHours} timmar. Serverns logg över anrop innehåller bara nätverksdelen av adressen (till exempel 198.51.100.0/24)
          och aldrig någon kaka.
        </li>
        <li>
          <strong>Personal</strong>: namn, e-post i tjänsten och roll, så länge kontot finns. En inloggning avslutas efter {f.sessionIdleMinutes} minuter utan
          aktivitet och senast efter {f.sessionAbsoluteHours} timmar, och raderas då. Varje åtgärd av personal skrivs i en granskningslogg (vem, vad, när,
          IP-adress) som sparas i {f.auditYears} år och sedan raderas. Misslyckade och stoppade inloggningar sparas med IP-adress och den e-postadress som
          skrevs in i {f.anonymousAuditHours} timmar för att stoppa lösenordsgissning; räknarna som stoppar gissningen raderas när deras tid har gått ut, senast
          efter 24 timmar.
        </li>
      </ul>
      <h2>Rättslig grund</h2>
      <p>
        Vi behandlar personuppgifter för att utföra en uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen): stadsdelarnas trygghetsarbete
        tillsammans med invånare. Utom det du skickar in raderar Tryggve självt uppgifterna ovan när deras tid har gått ut.
      </p>
      <h2>Dina rättigheter</h2>
      <p>
        Du har rätt att få veta vad vi sparar om dig, att få fel rättade och i vissa fall att få uppgifter raderade eller begränsade. Du kan klaga hos
        Integritetsskyddsmyndigheten (IMY). Kontakt: <a href={`mailto:${contactEmail}`}>{contactEmail}</a>.
      </p>
    </div>
  );
}
