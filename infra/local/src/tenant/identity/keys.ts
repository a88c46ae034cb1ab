/**
 * The issuer's RS256 signing keys. The current key signs; after a rotation the previous key stays
 * in the JWKS (as Entra does) so tokens issued before it keep validating. Keys are kept in the
 * store (collection "_identityKeys") so a persisted tenant keeps validating its old tokens.
 */
import { randomUUID } from "node:crypto";
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from "jose";
import type { Store } from "../context.js";

type KeyLike = CryptoKey;

interface StoredKey {
  kid: string;
  seq: number;
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

/** How many keys the JWKS publishes (current + previous). */
const KEEP = 2;

export class KeyRing {
  private keys: SigningKey[] = [];
  private keySet: JWTVerifyGetKey | undefined;

  private constructor(private readonly store: Store) {}

  static async open(store: Store): Promise<KeyRing> {
    const ring = new KeyRing(store);
    const stored = [...store.collection<StoredKey>("_identityKeys").values()].sort((a, b) => b.seq - a.seq);
    for (const k of stored.slice(0, KEEP)) {
      ring.keys.push({
        kid: k.kid,
        privateKey: (await importJWK(k.privateJwk, "RS256")) as KeyLike,
        publicJwk: k.publicJwk,
      });
    }
    if (ring.keys.length === 0) await ring.rotate();
    return ring;
  }

  get current(): SigningKey {
    return this.keys[0] as SigningKey;
  }

  /** Creates a new current key; the previous one stays published. */
  async rotate(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
    const kid = randomUUID().replace(/-/g, "").slice(0, 27);
    const publicJwk = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256", kty: "RSA" } as JWK;
    const key: SigningKey = { kid, privateKey: privateKey as KeyLike, publicJwk };
    this.keys = [key, ...this.keys].slice(0, KEEP);
    this.keySet = undefined;
    const collection = this.store.collection<StoredKey>("_identityKeys");
    const seq = Math.max(0, ...[...collection.values()].map((k) => k.seq)) + 1;
    collection.set(kid, { kid, seq, privateJwk: await exportJWK(privateKey), publicJwk });
    for (const k of [...collection.keys()]) if (!this.keys.some((x) => x.kid === k)) collection.delete(k);
    this.store.changed();
    return key;
  }

  /** The JWKS document (`{ keys: [...] }`), newest first. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk, x5t: k.kid })) };
  }

  /** A jose key resolver over the published keys. */
  verifier(): JWTVerifyGetKey {
    this.keySet ??= createLocalJWKSet({ keys: this.keys.map((k) => k.publicJwk) });
    return this.keySet;
  }

  publicKey(kid: string): JWK | undefined {
    return this.keys.find((k) => k.kid === kid)?.publicJwk;
  }

  async sign(
    claims: Record<string, unknown>,
    expiresInSeconds = 3600,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<string> {
    const key = this.current;
    const payload = { iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + expiresInSeconds, ...claims };
    return new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid }).sign(key.privateKey);
  }
}
