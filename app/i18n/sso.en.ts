import type ssoSv from "~/i18n/sso.sv";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const ssoEn: Shape<typeof ssoSv> = {
  title: "Sign in with your municipal account",
  button: "Sign in with your municipal account",
  or: "Or sign in with e-mail address and password:",
  failedTitle: "Sign-in failed",
  backToSignIn: "Back to sign-in",
  errors: {
    notConfigured: "Signing in with the municipal account is not switched on in Tryggve.",
    unavailable: "The municipality's sign-in service is not answering right now. Try again in a while or sign in with e-mail address and password.",
    state: "The sign-in could not be completed: it has expired, has already been used or was started in another browser. Start again from the sign-in page.",
    cancelled: "The sign-in was cancelled at the municipality's sign-in service. You are not signed in.",
    provider: "The municipality's sign-in service could not sign you in. Try again or contact an administrator.",
    invalidResponse: "The answer from the sign-in service could not be accepted, so you have not been signed in. Start again from the sign-in page.",
    unknownAccount: "Your account does not exist in Tryggve. Ask an administrator to add you.",
    disabled: "Your Tryggve account is disabled. Contact an administrator.",
    emailNotVerified:
      "The municipality's sign-in service has not confirmed your e-mail address, so Tryggve cannot connect the sign-in to your account. Contact an administrator.",
    subjectMismatch: "Your Tryggve account is connected to a different municipal sign-in. Contact an administrator.",
  },
};

export default ssoEn;
