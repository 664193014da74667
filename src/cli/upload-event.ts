/** What `upload()` tells its caller as it goes (the progress display listens). */
export type UploadEvent =
  | { type: 'start'; target: string; photos: number; dryRun: boolean }
  | {
      type: 'photo';
      id: string;
      /** Its path in the folder. */
      file: string;
      outcome: 'published' | 'unchanged' | 'failed' | 'planned';
      /** published: the number of variants; planned: new, changed or forced; failed: the reason. */
      detail?: string;
    }
  | { type: 'skipped'; file: string; reason: string }
  | { type: 'note'; message: string }
  | { type: 'manifest'; status: 'written' | 'unchanged' | 'planned' | 'failed'; photos: number }
  | { type: 'removed'; name: string; planned: boolean }
  | { type: 'done' };
