import { IMAGE_TYPES } from '../format/image-type.js';
import { RENDER_DEFAULTS } from './render-photo.js';
import { HITS_DEFAULTS } from './parse-hits-args.js';
import { MAX_CONCURRENCY, UPLOAD_DEFAULTS } from './upload.js';

const TOOL = `blog-photo-frame: publish photos for the <photo-frame> widget and its photo API.

Usage:
  blog-photo-frame upload <folder> --bucket <name> [--album <prefix>] [options]
  blog-photo-frame upload <folder> --to <folder> [options]
  blog-photo-frame upload --help     every option of upload, with examples
  blog-photo-frame hits --project <id> [--days <n>] [--album <prefix>] [--json]
  blog-photo-frame --help            this help
  blog-photo-frame --version         the version

Commands:
  upload    Publish a folder of photos (caption, date, size, placeholder, variants;
            no location) and the manifest the photo API reads, to a Cloud Storage
            bucket or a local folder. Unchanged photos are not sent again.
  hits      Photos by hits, with the total, from the log-based metric that
            npm run deploy creates (Cloud Monitoring).

Examples:
  blog-photo-frame upload ~/Pictures/blog --bucket my-blog-photos
  blog-photo-frame hits --project my-project --days 7
`;

const HITS = `Usage: blog-photo-frame hits --project <id> [--days <n>] [--album <prefix>] [--json]

Prints the photos the deployed photo API served, most hits first, with the total:
the log-based metric ${HITS_DEFAULTS.metric} that npm run deploy creates counts each answer
that named a photo, and Cloud Monitoring sums it over the window.

Options:
  --project <id>       The Google Cloud project (default: GOOGLE_CLOUD_PROJECT).
  --days <n>           The window: the last <n> days, 1 to ${HITS_DEFAULTS.maxDays}. Default: ${HITS_DEFAULTS.days}.
  --album <prefix>     Only the photos of this album (folder).
  --metric <name>      The metric, when the function is not named photo. Default: ${HITS_DEFAULTS.metric}.
  --json               The report as JSON: {project, metric, days, album, from, to,
                       total, photos: [{photo, hits}]}.
  -h, --help           Show this help.

Credentials: Application Default Credentials (gcloud auth application-default login),
with roles/monitoring.viewer on the project. MONITORING_EMULATOR_HOST=http://host:port
sends the requests there instead, without credentials.

Examples:
  blog-photo-frame hits --project my-project
  blog-photo-frame hits --project my-project --days 7 --album sea
  blog-photo-frame hits --project my-project --json > hits.json

Exit code: 0 with the report (also when nothing was counted yet), 1 when Cloud
Monitoring could not be read (the message says how to fix it), 2 for bad usage.
`;

const UPLOAD = `Usage: blog-photo-frame upload <folder> (--bucket <name> | --to <folder>) [options]

Publishes every photo in <folder> and its subfolders (${Object.keys(IMAGE_TYPES).join(' ')}):
its caption, alt text and date, its size (turned by its EXIF orientation), a ThumbHash
placeholder and WebP variants ${RENDER_DEFAULTS.widths.join(', ')} px wide (never upscaled), without GPS or
any other location; then the manifest the photo API reads (_photo-frame/manifest.jsonl),
once every photo it names is in place. A photo's id is <album>/<its path in the folder>.
Caption, alt and date come from a sidecar beside the photo (harbour.jpg.json:
{"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00+02:00"}), else from the
photo's EXIF/XMP/IPTC description and EXIF DateTimeOriginal, else the file's time.
The camera's details (camera model, lens, focal length, aperture, exposure time,
ISO; never a serial number or an owner's name) come from EXIF; a sidecar field
replaces one ("camera": "X100V", "exposureTime": "1/500") or, set to null, blanks it.

Where to publish (one of):
  --bucket <name>      A Cloud Storage bucket. Credentials: Application Default
                       Credentials (gcloud auth application-default login).
                       STORAGE_EMULATOR_HOST=http://host:port sends requests to an emulator.
  --to <folder>        A local folder in the bucket's layout, served by the photo
                       API's local store (PHOTOS_DIR=<folder>).

Options:
  --album <prefix>     Publish under this folder: with --album sea, boat.jpg becomes
                       the photo sea/boat.jpg (the element's album="sea"). Default: none.
  --dry-run            Show what would be published and removed; write nothing.
  --concurrency <n>    Photos processed at once, 1 to ${MAX_CONCURRENCY}. Default: ${UPLOAD_DEFAULTS.concurrency}.
  --force              Publish every photo again, even the unchanged ones.
  --prune              Remove published photos that are no longer in the folder (inside
                       --album when given, else anywhere in the bucket or folder), once
                       the new manifest no longer names them; and their variants.
                       Without it, they stay published.
  --keep-location      Publish GPS and other location tags too (removed by default).
  -h, --help           Show this help.

Examples:
  blog-photo-frame upload ~/Pictures/blog --bucket my-blog-photos
  blog-photo-frame upload ~/Pictures/sea --bucket my-blog-photos --album sea --prune
  blog-photo-frame upload ~/Pictures/blog --to ./photos --dry-run
  STORAGE_EMULATOR_HOST=http://127.0.0.1:9023 blog-photo-frame upload photos --bucket test

Exit code: 0 when every photo is published or unchanged, 1 when anything failed
(the summary says what and why), 2 for bad usage.
`;

/** The help of the tool, or of one command. */
export function helpText(command?: string): string {
  return command === 'upload' ? UPLOAD : command === 'hits' ? HITS : TOOL;
}
