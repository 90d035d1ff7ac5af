// Staff single sign-on with the municipality's identity provider (OpenID Connect). en must have exactly the same keys.
const sso = {
  title: "Inloggning med kommunens konto",
  button: "Logga in med kommunens konto",
  or: "Eller logga in med e-postadress och lösenord:",
  failedTitle: "Inloggningen misslyckades",
  backToSignIn: "Tillbaka till inloggningen",
  errors: {
    notConfigured: "Inloggning med kommunens konto är inte påslagen i Tryggve.",
    unavailable: "Kommunens inloggningstjänst svarar inte just nu. Försök igen om en stund eller logga in med e-postadress och lösenord.",
    state: "Inloggningen kunde inte slutföras: den har gått ut, har redan använts eller påbörjades i en annan webbläsare. Börja om från inloggningssidan.",
    cancelled: "Inloggningen avbröts hos kommunens inloggningstjänst. Du är inte inloggad.",
    provider: "Kommunens inloggningstjänst kunde inte logga in dig. Försök igen eller kontakta en administratör.",
    invalidResponse: "Svaret från inloggningstjänsten kunde inte godkännas, så du har inte loggats in. Börja om från inloggningssidan.",
    unknownAccount: "Ditt konto finns inte i Tryggve. Be en administratör lägga till dig.",
    disabled: "Ditt konto i Tryggve är avstängt. Kontakta en administratör.",
    emailNotVerified:
      "Kommunens inloggningstjänst har inte bekräftat din e-postadress, så Tryggve kan inte koppla inloggningen till ditt konto. Kontakta en administratör.",
    subjectMismatch: "Ditt konto i Tryggve är kopplat till en annan inloggning hos kommunen. Kontakta en administratör.",
  },
};

export default sso;
