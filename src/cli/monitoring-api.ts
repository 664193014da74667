/** Where Cloud Monitoring's REST API lives; MONITORING_EMULATOR_HOST sends requests elsewhere (tests), without credentials. */
const MONITORING_URL = 'https://monitoring.googleapis.com';
const SCOPE = 'https://www.googleapis.com/auth/monitoring.read';

/** A failed Cloud Monitoring request: the HTTP status and Google's error status (PERMISSION_DENIED, NOT_FOUND, …). */
export class MonitoringError extends Error {
  override name = 'MonitoringError';
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** The Application Default Credentials could not be found or used. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

export interface MonitoringApi {
  /** GET a path under the API root with query parameters; resolves with the JSON body. */
  get(path: string, params: Record<string, string>): Promise<unknown>;
}

async function authHeaders(url: string): Promise<Record<string, string>> {
  const { GoogleAuth } = await import('google-auth-library');
  try {
    const client = await new GoogleAuth({ scopes: [SCOPE] }).getClient();
    return (await client.getRequestHeaders(url)) as Record<string, string>;
  } catch (error) {
    throw new CredentialsError((error as Error).message);
  }
}

/** Cloud Monitoring over REST with Application Default Credentials, or the emulator MONITORING_EMULATOR_HOST names. */
export function createMonitoringApi(env: NodeJS.ProcessEnv = process.env): MonitoringApi {
  const emulator = env.MONITORING_EMULATOR_HOST?.trim().replace(/\/+$/, '');
  const root = emulator || MONITORING_URL;
  return {
    async get(path, params) {
      const url = `${root}${path}?${new URLSearchParams(params)}`;
      const headers = emulator ? {} : await authHeaders(url);
      let response: Response;
      try {
        response = await fetch(url, { headers });
      } catch (error) {
        throw new MonitoringError(`could not reach ${root} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message})`, 0, 'UNREACHABLE');
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new MonitoringError(`${root} answered ${response.status} with something that is not JSON: ${text.slice(0, 120)}`, response.status, 'INVALID_RESPONSE');
      }
      if (!response.ok) {
        const error = (body as { error?: { message?: string; status?: string } }).error;
        throw new MonitoringError(error?.message ?? `HTTP ${response.status}`, response.status, error?.status ?? '');
      }
      return body;
    },
  };
}
