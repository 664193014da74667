import { httpGet } from './http-get.js';

/**
 * Access tokens of the instance's service account, from the metadata server
 * that every Cloud Run and Cloud Functions instance has (`host`, from
 * parseConfig). Each token is reused until a minute before it expires;
 * concurrent callers share one request.
 */
export function metadataServerToken(host: string, now: () => number = Date.now): () => Promise<string> {
  const url = `http://${host}/computeMetadata/v1/instance/service-account/default/token`;
  let cached: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (cached && now() < cached.until) return Promise.resolve(cached.token);
    pending ??= httpGet(url, { 'Metadata-Flavor': 'Google' }, 5_000)
      .then((answer) => {
        const body = answer.status === 200 ? (JSON.parse(answer.body.toString('utf8')) as { access_token?: unknown; expires_in?: unknown }) : {};
        if (typeof body.access_token !== 'string') throw new Error(`The metadata server gave no access token (HTTP ${answer.status})`);
        const lifetimeS = Number(body.expires_in) || 0;
        cached = { token: body.access_token, until: now() + Math.max(0, lifetimeS - 60) * 1000 };
        return body.access_token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
