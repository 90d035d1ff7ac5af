// The end-to-end run's identity provider: panva's oidc-provider (test/helpers/oidc-provider.ts)
// on 127.0.0.1:$OIDC_TEST_PORT with the test accounts, Tryggve's client registered for
// $OIDC_TEST_REDIRECT_URI with the secret $OIDC_TEST_CLIENT_SECRET. Started and stopped by
// scripts/e2e.mjs; prints "ready <issuer>".
// For tests only: its login page accepts any password.
import { startOidcProvider } from "../test/helpers/oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT ?? 0);
const redirectUri = process.env.OIDC_TEST_REDIRECT_URI;
if (!redirectUri) {
  console.error("OIDC_TEST_REDIRECT_URI is required (Tryggve's ${PUBLIC_URL}/personal/sso/callback)");
  process.exit(2);
}

const idp = await startOidcProvider({ port, redirectUris: [redirectUri], clientSecret: process.env.OIDC_TEST_CLIENT_SECRET });
console.log(`ready ${idp.issuer}`);

const stop = () => {
  idp.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
