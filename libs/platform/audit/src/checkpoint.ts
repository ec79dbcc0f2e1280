import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical';

/**
 * A4: a digest of a service's global log at a position, signed with the installation's Ed25519 key. Published
 * (to auditors, a transparency log, a topic), it pins the log: no one holding the database alone can rewrite
 * what came before it, or cut it short, without the signature failing.
 */
export interface Checkpoint {
  readonly service: string;
  readonly position: number;
  readonly count: number;
  /** The global chain link of the event at `position`. */
  readonly head: string;
  readonly at: string;
  /** base64 Ed25519 signature over the canonical JSON of the fields above. */
  readonly signature: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'signature'>;

export const checkpointMessage = (c: UnsignedCheckpoint): Buffer =>
  Buffer.from(canonicalJson({ service: c.service, position: c.position, count: c.count, head: c.head, at: c.at }), 'utf8');

export function signCheckpoint(c: UnsignedCheckpoint, privateKey: KeyObject): Checkpoint {
  return { ...c, signature: sign(null, checkpointMessage(c), privateKey).toString('base64') };
}

export function verifyCheckpoint(c: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** A new signing key pair, PEM-encoded (the private key stays with the installation; the public key goes to auditors). */
export function newSigningKeys(): { readonly privatePem: string; readonly publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export const privateKeyOf = (pem: string): KeyObject => createPrivateKey(pem);
export const publicKeyOf = (pem: string): KeyObject => createPublicKey(pem);

/** Ed25519 over a text (an export's `head|count`), base64. */
export const signText = (text: string, privateKey: KeyObject): string => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
export function verifyText(text: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
