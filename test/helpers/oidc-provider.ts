/**
 * A real OpenID Connect provider for the tests: panva's oidc-provider (the certified
 * implementation) on 127.0.0.1, port 0 unless given, with one client registered for Tryggve's
 * redirect URI and a small account store. Its own development login and consent pages
 * (devInteractions) are driven over real HTTP by the integration tests and by Chromium in the
 * end-to-end run (scripts/oidc-test-provider.ts). Nothing here is mocked: discovery, the
 * authorization endpoint, PKCE, the token endpoint, signed ID tokens and the JWKS are the
 * provider's own.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export interface TestIdentity {
  /** The provider's user name: typed into its login form, and the subject (`sub`) it issues. */
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** People the test provider knows. Tryggve knows the first four by e-mail (demo data); the stranger it does not. */
export const TEST_IDENTITIES: TestIdentity[] = [
  { sub: "mona.moderator", email: "moderator@tryggve.example", email_verified: true, name: "Mona Moderator" },
  { sub: "ada.admin", email: "admin@tryggve.example", email_verified: true, name: "Ada Admin" },
  { sub: "vera.vandring", email: "vandringsledare@tryggve.example", email_verified: false, name: "Vera Vandring" },
  { sub: "sture.stockholmshem", email: "stockholmshem@tryggve.example", email_verified: true, name: "Sture Stockholmshem" },
  { sub: "olle.okand", email: "okand@stockholm.example", email_verified: true, name: "Olle Okänd" },
];

export const TEST_CLIENT_ID = "tryggve";
export const TEST_CLIENT_SECRET = "tryggve-test-client-secret-0123456789";

export interface TestProviderOptions {
  /** Redirect URIs registered for the client (Tryggve's `${PUBLIC_URL}/personal/sso/callback`). */
  redirectUris: string[];
  identities?: TestIdentity[];
  port?: number;
  /** The issuer identifier the provider claims; by default its own address. */
  issuer?: (origin: string) => string;
  clientSecret?: string;
  /** The private key (JWK with a `kid`) the provider signs ID tokens with; a development key by default. */
  signingKey?: JsonWebKey & { kid: string };
  /**
   * What the provider's jwks_uri answers instead of its own keys: a provider whose published
   * keys do not sign its tokens (the ID token's signature cannot be verified).
   */
  publishedJwks?: { keys: object[] };
}

/** A fresh RSA signing key as a private JWK with the given key id. */
export function rsaSigningKey(kid: string): JsonWebKey & { kid: string } {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
}

/** The public half of a private JWK, as a JWKS entry. */
export function publicJwk(key: JsonWebKey & { kid: string }): object {
  const { kty, n, e, kid } = key;
  return { kty, n, e, kid, alg: "RS256", use: "sig" };
}

export interface TestProvider {
  /** The issuer identifier (what OIDC_ISSUER is set to). */
  issuer: string;
  /** Where the provider listens (the same as the issuer unless `issuer` was given). */
  origin: string;
  provider: Provider;
  close: () => Promise<void>;
}

export async function startOidcProvider(opts: TestProviderOptions): Promise<TestProvider> {
  const identities = opts.identities ?? TEST_IDENTITIES;
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = opts.issuer ? opts.issuer(origin) : origin;
  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: opts.clientSecret ?? TEST_CLIENT_SECRET,
        redirect_uris: opts.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // The login form's value is the account id, which the provider issues as the subject.
    async findAccount(_ctx, id) {
      const person = identities.find((p) => p.sub === id);
      if (!person) return undefined;
      return {
        accountId: person.sub,
        async claims() {
          return { sub: person.sub, email: person.email, email_verified: person.email_verified, name: person.name };
        },
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    cookies: { keys: ["oidc-test-provider-cookie-key-0123456789"] },
    features: { devInteractions: { enabled: true } },
    ...(opts.signingKey ? { jwks: { keys: [opts.signingKey] } } : {}),
    // The provider's own sign-in session is not kept between tests' flows (each flow logs in).
    ttl: { Session: 60 },
  };
  const provider = new Provider(issuer, configuration);
  // Quiet: the provider reports every refused request (the tests cause some on purpose) as an event.
  provider.on("server_error", (_ctx, err) => console.error("oidc-provider server_error", err));
  if (opts.publishedJwks) {
    const jwks = opts.publishedJwks;
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === "/jwks") ctx.body = jwks;
    });
  }
  server.on("request", provider.callback());
  return {
    issuer,
    origin,
    provider,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
