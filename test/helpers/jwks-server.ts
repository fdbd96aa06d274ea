import { createServer, type Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/** A stand-in identity provider on loopback: it serves its JSON Web Key Set, signs tokens, rotates keys and counts key fetches. */
export class TestIdentityProvider {
  fetches = 0;
  private key!: SigningKey;
  private server!: Server;
  private generation = 0;

  private constructor(readonly issuer: string) {}

  static async start(issuer: string): Promise<TestIdentityProvider> {
    const provider = new TestIdentityProvider(issuer);
    await provider.rotate('RS256');
    provider.server = createServer(async (req, res) => {
      if (req.url !== '/.well-known/jwks.json') {
        res.writeHead(404).end();
        return;
      }
      provider.fetches += 1;
      const jwk = { ...(await exportJWK(provider.key.publicKey)), kid: provider.key.kid, alg: provider.key.alg, use: 'sig' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    return provider;
  }

  get jwksUri(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/.well-known/jwks.json`;
  }

  get kid(): string {
    return this.key.kid;
  }

  /** Replaces the signing key (and the published set) with a new one under a new kid. */
  async rotate(alg: SigningKey['alg'] = 'ES256'): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    this.generation += 1;
    this.key = { kid: `key-${this.generation}`, alg, privateKey, publicKey };
  }

  /** A token signed with the current key; `iat` and a one-hour `exp` from `now` unless the claims say otherwise. */
  sign(claims: JWTPayload, now: number, header: { kid?: string | null } = {}): Promise<string> {
    const issuedAt = Math.floor(now / 1000);
    const kid = header.kid === null ? undefined : (header.kid ?? this.key.kid);
    return new SignJWT({ iss: this.issuer, sub: 'user_1', iat: issuedAt, exp: issuedAt + 3600, ...claims })
      .setProtectedHeader({ alg: this.key.alg, ...(kid ? { kid } : {}) })
      .sign(this.key.privateKey);
  }

  /** The classic confusion attack: an HS256 token whose HMAC secret is the provider's public key. */
  async signWithPublicKeyAsSecret(claims: JWTPayload, now: number): Promise<string> {
    const issuedAt = Math.floor(now / 1000);
    const secret = new TextEncoder().encode(await exportSPKI(this.key.publicKey));
    return new SignJWT({ iss: this.issuer, sub: 'user_1', iat: issuedAt, exp: issuedAt + 3600, ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: this.key.kid })
      .sign(secret);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
