/**
 * A photo that cannot be published, with the reason and the fix (its message
 * follows the file name in the summary: "broken.jpg: cannot be decoded ...").
 * The other photos are published anyway.
 */
export class PhotoError extends Error {
  override name = 'PhotoError';
}
