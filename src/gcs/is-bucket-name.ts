/**
 * Whether `name` can be a Cloud Storage bucket's name, as far as the name
 * alone tells: 3 to 222 lowercase letters, digits, `-`, `_` and `.`, starting
 * and ending with a letter or digit; the bare name, without `gs://`.
 */
export function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(name);
}
