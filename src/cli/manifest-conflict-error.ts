/**
 * Another run changed the manifest while this one worked. Its photos are in
 * place; only the manifest naming them was not written. Running the command
 * again writes it (the photos are then unchanged and not sent again).
 */
export class ManifestConflictError extends Error {
  override name = 'ManifestConflictError';
}
