/** Three base64url parts: worth verifying as a JWT (checked before any token code is loaded). */
export function looksLikeJwt(candidate: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(candidate);
}
